//! Byte spans into a file's text, and the line index that turns them into line:column.

use serde::Serialize;

/// A byte range into an article's text. Every stage reports positions through spans,
/// so none needs to know how the file was parsed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start: clamp_u32(start),
            end: clamp_u32(end.max(start)),
        }
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn contains(self, offset: usize) -> bool {
        (self.start as usize) <= offset && offset < self.end as usize
    }
}

/// Characters in UTF-8 bytes: every byte that does not continue a character starts one.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

fn clamp_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A 1-based line and column; the column counts characters, as editors do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct LineCol {
    pub line: u32,
    pub column: u32,
}

/// Where each line of a text starts, to turn byte offsets into line:column.
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    starts: Vec<u32>,
    /// On lines longer than [`STRIDE`]: (byte offset, characters from its line's start to
    /// it), every `STRIDE` bytes, so a column is counted from the nearest one and a
    /// thousand findings on a 5 MB line cost no more than one.
    marks: Vec<(u32, u32)>,
}

/// Bytes between two column marks on a long line.
const STRIDE: usize = 4096;

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| clamp_u32(i + 1)));
        let mut marks = Vec::new();
        for (i, &start) in starts.iter().enumerate() {
            let start = start as usize;
            let end = starts.get(i + 1).map_or(text.len(), |&s| s as usize);
            if end - start <= STRIDE {
                continue;
            }
            let (mut at, mut chars) = (start, 0usize);
            while at + STRIDE < end {
                let mut next = at + STRIDE;
                while !text.is_char_boundary(next) {
                    next += 1;
                }
                chars += count_chars(&text.as_bytes()[at..next]);
                marks.push((clamp_u32(next), clamp_u32(chars)));
                at = next;
            }
        }
        LineIndex { starts, marks }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Line and column of a byte offset (clamped to the text).
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s as usize <= offset) - 1;
        let mut start = self.starts[line] as usize;
        let mut before = 0;
        // The last mark of this line at or before the offset, if the line has marks.
        let m = self.marks.partition_point(|&(at, _)| at as usize <= offset);
        if let Some(&(at, chars)) = m.checked_sub(1).and_then(|i| self.marks.get(i))
            && at as usize > start
        {
            start = at as usize;
            before = chars as usize;
        }
        let column = before
            + text
                .get(start..offset)
                .map_or(offset - start, |s| count_chars(s.as_bytes()));
        LineCol {
            line: clamp_u32(line + 1),
            column: clamp_u32(column + 1),
        }
    }

    /// Byte offset where a 1-based line starts.
    pub fn line_start(&self, line: u32) -> Option<usize> {
        let i = (line as usize).checked_sub(1)?;
        self.starts.get(i).map(|&s| s as usize)
    }

    /// The byte offset of 1-based `line` and `column` (in characters): [`LineIndex::line_col`]
    /// undone, clamped to the line's text. As quick on a 5 MB line as on a short one: it
    /// starts from the line's last mark before the column, not from the line's start.
    pub fn offset(&self, text: &str, line: u32, column: u32) -> usize {
        let Some(start) = self.line_start(line) else {
            return text.len();
        };
        let start = start.min(text.len());
        let end = start + self.line_text(text, line).len();
        let want = column.saturating_sub(1) as usize;
        // This line's marks: (offset, characters from the line's start), in order.
        let first = self
            .marks
            .partition_point(|&(at, _)| (at as usize) <= start);
        let last = self.marks.partition_point(|&(at, _)| (at as usize) < end);
        let marks = self.marks.get(first..last).unwrap_or_default();
        let (from, counted) = match marks.partition_point(|&(_, chars)| chars as usize <= want) {
            0 => (start, 0),
            k => (marks[k - 1].0 as usize, marks[k - 1].1 as usize),
        };
        text.get(from..end)
            .and_then(|rest| rest.char_indices().nth(want - counted))
            .map_or(end, |(i, _)| from + i)
    }

    /// The text of a 1-based line without its line ending.
    pub fn line_text<'t>(&self, text: &'t str, line: u32) -> &'t str {
        let Some(start) = self.line_start(line) else {
            return "";
        };
        let end = self
            .line_start(line + 1)
            .unwrap_or(text.len())
            .min(text.len());
        text.get(start..end)
            .unwrap_or("")
            .trim_end_matches(['\n', '\r'])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offset_undoes_line_col_on_long_and_short_lines() {
        let long: String = (0..3 * STRIDE)
            .map(|i| if i % 7 == 0 { 'é' } else { 'a' })
            .collect();
        let text = format!("ab\n{long}\r\nz\n");
        let idx = LineIndex::new(&text);
        for (o, _) in text
            .char_indices()
            .filter(|(o, c)| *c != '\n' && *c != '\r' && o % 3 == 0)
        {
            let at = idx.line_col(&text, o);
            assert_eq!(idx.offset(&text, at.line, at.column), o, "at {o}");
        }
        // Past a line's end: its end (before the line ending); past the text: its end.
        assert_eq!(idx.offset(&text, 1, 40), 2);
        assert_eq!(idx.offset(&text, 9, 1), text.len());
    }

    #[test]
    fn line_col_counts_characters() {
        let text = "ab\néé x\r\nz";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), LineCol { line: 1, column: 1 });
        let x = text.find('x').unwrap();
        assert_eq!(idx.line_col(text, x), LineCol { line: 2, column: 4 });
        let z = text.find('z').unwrap();
        assert_eq!(idx.line_col(text, z), LineCol { line: 3, column: 1 });
        assert_eq!(idx.line_text(text, 2), "éé x");
        assert_eq!(idx.line_count(), 3);
    }

    #[test]
    fn columns_on_a_long_line_count_characters_from_the_nearest_mark() {
        let line = "é".repeat(10_000) + "x" + &"ab".repeat(5_000);
        let text = format!("first\n{line}\nlast");
        let idx = LineIndex::new(&text);
        assert!(!idx.marks.is_empty());
        let x = text.find('x').unwrap();
        assert_eq!(
            idx.line_col(&text, x),
            LineCol {
                line: 2,
                column: 10_001
            }
        );
        let end = text.rfind('b').unwrap();
        assert_eq!(
            idx.line_col(&text, end),
            LineCol {
                line: 2,
                column: 20_001
            }
        );
        let last = text.rfind("last").unwrap();
        assert_eq!(idx.line_col(&text, last), LineCol { line: 3, column: 1 });
    }
}
