//! The typed workflow model of the product (`content/_model/*.yaml`): portals, the partner-type
//! catalog, UI strings, relationship states and workflows, and the bindings that tie each
//! documented procedure to its workflow. Checks verify the model itself and every bound
//! procedure; the renderer draws partner tables and the lifecycle page from it.

mod ids;
pub mod labels;
mod load;
pub mod partner_table;
pub mod ui_match;

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;
use serde_saphyr::Spanned;

pub use ids::{PartnerTypeId, PortalId, StateId, UiStringId, WorkflowId};
pub use load::{load, parse_file};

use crate::config::Locale;
use crate::diagnostics::FileRef;
use crate::span::{LineIndex, Span};

/// One model file, kept so that diagnostics can point into it.
#[derive(Debug)]
pub struct ModelFile {
    /// Relative to the content folder: `_model/workflows.yaml`.
    pub path: String,
    pub text: String,
    pub lines: LineIndex,
}

impl ModelFile {
    pub fn file_ref(&self) -> FileRef<'_> {
        FileRef {
            path: &self.path,
            text: &self.text,
            lines: &self.lines,
        }
    }
}

/// Which model file an item came from (an index into [`Model::files`]).
pub type FileId = usize;

/// Text per locale code (`en-us: Advisor`, `fr-fr: Conseiller`).
#[derive(Debug, Default, Deserialize)]
#[serde(transparent)]
pub struct Localized(pub BTreeMap<String, String>);

impl Localized {
    pub fn get(&self, locale: &Locale) -> Option<&str> {
        self.0.get(locale.as_str()).map(String::as_str)
    }

    /// The text in `locale`, else in `fallback`.
    pub fn get_or<'a>(&'a self, locale: &Locale, fallback: &Locale) -> Option<&'a str> {
        self.get(locale).or_else(|| self.get(fallback))
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Portal {
    pub id: Spanned<PortalId>,
    pub labels: Spanned<Localized>,
    #[serde(skip)]
    pub file: FileId,
}

/// What a partner of a type may do for the customer.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Capability {
    /// Sells Microsoft products to the organization.
    Sell,
    /// Holds delegated admin privileges (a Global Administrator of the tenant).
    DelegatedAdmin,
    /// Works through a user account the customer gives them.
    UserAccount,
    ResetPasswords,
    SupportIncidents,
    /// Sees purchases made through other MPSA partners.
    SeePurchases,
    UploadDeviceIds,
    LobApps,
}

impl Capability {
    pub fn as_str(self) -> &'static str {
        match self {
            Capability::Sell => "sell",
            Capability::DelegatedAdmin => "delegated-admin",
            Capability::UserAccount => "user-account",
            Capability::ResetPasswords => "reset-passwords",
            Capability::SupportIncidents => "support-incidents",
            Capability::SeePurchases => "see-purchases",
            Capability::UploadDeviceIds => "upload-device-ids",
            Capability::LobApps => "lob-apps",
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartnerType {
    pub id: Spanned<PartnerTypeId>,
    /// The portals whose partner list offers this type.
    pub portals: Vec<Spanned<PortalId>>,
    pub capabilities: Vec<Capability>,
    pub labels: Spanned<Localized>,
    pub descriptions: Spanned<Localized>,
    #[serde(skip)]
    pub file: FileId,
}

impl PartnerType {
    pub fn offered_on(&self, portal: &PortalId) -> bool {
        self.portals.iter().any(|p| &p.value == portal)
    }

    pub fn can(&self, capability: Capability) -> bool {
        self.capabilities.contains(&capability)
    }
}

/// What kind of UI element a string labels.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum UiKind {
    Button,
    Link,
    Page,
    Tab,
    Menu,
    Checkbox,
    Field,
    /// A bold lead-in naming the step (`**Follow email link** - …`), not an element.
    StepTitle,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UiString {
    pub id: Spanned<UiStringId>,
    pub kind: UiKind,
    pub portal: Spanned<PortalId>,
    pub labels: Spanned<Localized>,
    #[serde(skip)]
    pub file: FileId,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct State {
    pub id: Spanned<StateId>,
    /// Where every relationship starts (exactly one state).
    #[serde(default)]
    pub initial: bool,
    /// No workflow leaves it.
    #[serde(default)]
    pub terminal: bool,
    /// Only partner types with this capability can be in this state.
    #[serde(default)]
    pub requires: Option<Capability>,
    pub labels: Spanned<Localized>,
    #[serde(skip)]
    pub file: FileId,
}

/// Who performs a workflow.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Actor {
    Customer,
    Partner,
}

/// What a step asks the reader to do.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum ActionKind {
    Navigate,
    Select,
    Check,
    Enter,
    Read,
    Submit,
    Observe,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Transition {
    pub from: Spanned<StateId>,
    pub to: Spanned<StateId>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkflowStep {
    pub action: ActionKind,
    /// The UI elements the step names in bold, in order.
    #[serde(default)]
    pub ui: Vec<Spanned<UiStringId>>,
    /// What the reader sees once the step is done.
    pub outcome: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workflow {
    pub id: Spanned<WorkflowId>,
    pub portal: Spanned<PortalId>,
    pub actor: Actor,
    pub titles: Spanned<Localized>,
    pub transitions: Spanned<Vec<Transition>>,
    /// The partner types it applies to; absent means every type of the portal.
    #[serde(default)]
    pub types: Option<Spanned<Vec<Spanned<PartnerTypeId>>>>,
    #[serde(default)]
    pub steps: Vec<WorkflowStep>,
    #[serde(skip)]
    pub file: FileId,
}

impl Workflow {
    /// Whether `t` may take this workflow.
    pub fn allows(&self, t: &PartnerType) -> bool {
        self.types
            .as_ref()
            .is_none_or(|ts| ts.value.iter().any(|id| id.value == t.id.value))
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProcedureBinding {
    /// A heading anchor: the same in every locale.
    pub anchor: Spanned<String>,
    pub workflow: Spanned<WorkflowId>,
}

/// The procedures of one article (every locale's copy of it) and the portal it documents.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Binding {
    /// Locale-relative: `commerce/manage-partners.md`.
    pub article: Spanned<String>,
    pub portal: Spanned<PortalId>,
    #[serde(default)]
    pub procedures: Vec<ProcedureBinding>,
    #[serde(skip)]
    pub file: FileId,
}

/// The whole model, merged from every file of `_model/`.
#[derive(Debug, Default)]
pub struct Model {
    pub files: Vec<ModelFile>,
    pub portals: Vec<Portal>,
    pub partner_types: Vec<PartnerType>,
    pub ui_strings: Vec<UiString>,
    pub states: Vec<State>,
    pub workflows: Vec<Workflow>,
    pub bindings: Vec<Binding>,
    /// A file failed to load (WF001): what it defines is missing, so references to it and
    /// the state machine's shape are not judged until it loads.
    pub incomplete: bool,
    /// Position of each id's first definition, so a lookup is no scan (a model of 20,000
    /// states looked each one up in every list, a quadratic load).
    index: Index,
}

#[derive(Debug, Default)]
struct Index {
    portals: HashMap<String, usize>,
    partner_types: HashMap<String, usize>,
    ui_strings: HashMap<String, usize>,
    states: HashMap<String, usize>,
    workflows: HashMap<String, usize>,
    bindings: HashMap<String, usize>,
}

/// Id → position of its first occurrence.
fn first_positions<'i>(ids: impl Iterator<Item = &'i str>) -> HashMap<String, usize> {
    let mut map = HashMap::new();
    for (i, id) in ids.enumerate() {
        map.entry(id.to_string()).or_insert(i);
    }
    map
}

/// A byte span from a serde-saphyr location (byte offsets into the file that was parsed).
pub fn span_of<T>(spanned: &Spanned<T>) -> Span {
    let span = spanned.referenced.span();
    let start = span.byte_offset().unwrap_or(0) as usize;
    let len = span.byte_len().unwrap_or(0) as usize;
    Span::new(start, start + len)
}

impl Model {
    pub fn file(&self, id: FileId) -> FileRef<'_> {
        self.files[id].file_ref()
    }

    /// Indexes every id; called once everything is merged, before any lookup.
    fn index_ids(&mut self) {
        self.index = Index {
            portals: first_positions(self.portals.iter().map(|p| p.id.value.as_str())),
            partner_types: first_positions(self.partner_types.iter().map(|t| t.id.value.as_str())),
            ui_strings: first_positions(self.ui_strings.iter().map(|u| u.id.value.as_str())),
            states: first_positions(self.states.iter().map(|s| s.id.value.as_str())),
            workflows: first_positions(self.workflows.iter().map(|w| w.id.value.as_str())),
            bindings: first_positions(self.bindings.iter().map(|b| b.article.value.as_str())),
        };
    }

    pub fn portal(&self, id: &PortalId) -> Option<&Portal> {
        self.index
            .portals
            .get(id.as_str())
            .map(|&i| &self.portals[i])
    }

    pub fn partner_type(&self, id: &PartnerTypeId) -> Option<&PartnerType> {
        self.index
            .partner_types
            .get(id.as_str())
            .map(|&i| &self.partner_types[i])
    }

    pub fn ui_string(&self, id: &UiStringId) -> Option<&UiString> {
        self.index
            .ui_strings
            .get(id.as_str())
            .map(|&i| &self.ui_strings[i])
    }

    pub fn state(&self, id: &StateId) -> Option<&State> {
        self.index.states.get(id.as_str()).map(|&i| &self.states[i])
    }

    pub fn workflow(&self, id: &WorkflowId) -> Option<&Workflow> {
        self.index
            .workflows
            .get(id.as_str())
            .map(|&i| &self.workflows[i])
    }

    /// The binding of a locale-relative article path.
    pub fn binding(&self, rel: &str) -> Option<&Binding> {
        self.index.bindings.get(rel).map(|&i| &self.bindings[i])
    }

    /// The workflow bound to (article, heading anchor).
    pub fn bound_workflow(&self, rel: &str, anchor: &str) -> Option<&Workflow> {
        let binding = self.binding(rel)?;
        let pb = binding
            .procedures
            .iter()
            .find(|p| p.anchor.value == anchor)?;
        self.workflow(&pb.workflow.value)
    }

    /// The partner types a portal offers, in catalog order.
    pub fn types_on<'m>(&'m self, portal: &'m PortalId) -> impl Iterator<Item = &'m PartnerType> {
        self.partner_types.iter().filter(|t| t.offered_on(portal))
    }

    /// The partner types that may take `w`: those of its portal it allows. A portal that
    /// lists no types (where partners, not customers, work) stands for every type.
    pub fn types_for<'m>(&'m self, w: &'m Workflow) -> Vec<&'m PartnerType> {
        let lists_types = self.types_on(&w.portal.value).next().is_some();
        self.partner_types
            .iter()
            .filter(|t| !lists_types || t.offered_on(&w.portal.value))
            .filter(|t| w.allows(t))
            .collect()
    }

    /// Each state's successors through any workflow's transitions, in model order. Built
    /// once by whoever walks the state machine: scanning every transition for every state
    /// was quadratic.
    pub fn successors(&self) -> HashMap<&StateId, Vec<&StateId>> {
        let mut next: HashMap<&StateId, Vec<&StateId>> = HashMap::new();
        for t in self.workflows.iter().flat_map(|w| &w.transitions.value) {
            next.entry(&t.from.value).or_default().push(&t.to.value);
        }
        next
    }

    /// Where relationships start.
    pub fn initial_state(&self) -> Option<&State> {
        self.states.iter().find(|s| s.initial)
    }
}
