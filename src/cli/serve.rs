//! `diglot serve`: preview the site with live reload (SPEC §8).

use std::net::IpAddr;

use super::term::errln;
use super::{Exit, SiteArgs};
use crate::serve::{self, Options};

#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// The port to listen on (0: any free port).
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// The address to listen on; `0.0.0.0` makes the preview reachable from other machines
    /// (a container's host).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// Open the site in the default browser once it is served.
    #[arg(long)]
    pub open: bool,
    /// Take the open browser to the page just edited.
    #[arg(long)]
    pub follow: bool,
}

pub fn run(args: &ServeArgs) -> Exit {
    let options = Options {
        root: args.site.root.clone(),
        content: args.site.content.clone(),
        title: args.site.title.clone(),
        bind: args.bind,
        port: args.port,
        follow: args.follow,
    };
    let open = args.open;
    match serve::run(&options, &|url| {
        errln!("serving the site at {url} (Ctrl+C to stop); pages reload when their files change");
        if open && let Err(e) = open_browser(url) {
            errln!("warning: could not open a browser ({e}); open {url} yourself");
        }
    }) {
        Ok(()) => Exit::Success,
        Err(e) => {
            errln!("error: {e}");
            Exit::Failure
        }
    }
}

/// Opens `url` in the desktop's default browser, without waiting for it.
fn open_browser(url: &str) -> std::io::Result<()> {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    command
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(|_| ())
}
