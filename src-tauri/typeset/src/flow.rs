//! Pagination: blocks flow down pages between margins; tables repeat their
//! header row on every page and split a row that does not fit at a line
//! boundary, continuing it on the next page.

use std::sync::Arc;

use super::TypesetError;
use super::layout::{Line, Paragraph, Rgb, layout};
use super::pdf::{Area, Image, PageSize, PdfWriter};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Margins {
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
    pub left: f32,
}

/// Something that goes into a table cell.
#[derive(Clone)]
pub enum Block {
    Para(Paragraph),
    /// An image scaled to the cell's width (at most `max_height` points high).
    Image {
        image: Arc<Image>,
        key: usize,
        max_height: f32,
    },
    Space(f32),
}

pub type Cell = Vec<Block>;

pub struct Table {
    /// Column widths in points; they should add up to the content width.
    pub widths: Vec<f32>,
    pub header: Vec<Cell>,
    pub rows: Vec<Vec<Cell>>,
    pub padding: f32,
    pub rule: f32,
    pub rule_color: Rgb,
    pub header_fill: Option<Rgb>,
    /// The last row is a total: it never starts a page alone, the row
    /// before it goes over with it.
    pub total: bool,
}

/// A laid-out piece of a cell: unsplittable, one above the other.
enum Piece {
    Line(Line),
    Image {
        image: Arc<Image>,
        key: usize,
        w: f32,
        h: f32,
    },
    Space(f32),
}

impl Piece {
    fn height(&self) -> f32 {
        match self {
            Piece::Line(l) => l.height,
            Piece::Image { h, .. } => *h + 4.0,
            Piece::Space(h) => *h,
        }
    }
}

pub struct Flow {
    pub pdf: PdfWriter,
    pub margins: Margins,
    page: Option<usize>,
    y: f32,
    /// The first word set on each page, for a continuation cue.
    first_words: Vec<Option<String>>,
}

impl Flow {
    pub fn new(pdf: PdfWriter, margins: Margins) -> Flow {
        Flow {
            pdf,
            margins,
            page: None,
            y: 0.0,
            first_words: Vec::new(),
        }
    }

    /// The height `p` takes set `width` points wide.
    pub fn height_of(p: &Paragraph, width: f32) -> f32 {
        layout(p, width).iter().map(|l| l.height).sum()
    }

    /// Sets a heading across the content width, on the page where at
    /// least `following` points of what comes after it fit too: a heading
    /// never stands alone at a page's foot.
    pub fn heading(&mut self, p: &Paragraph, following: f32) {
        let h = Self::height_of(p, self.content_width());
        self.keep(h + following);
        self.paragraph(p);
    }

    /// The first word set on each page (a paragraph's, not a table's or a
    /// mark's), page by page.
    pub fn first_words(&self) -> &[Option<String>] {
        &self.first_words
    }

    pub fn size(&self) -> PageSize {
        self.pdf.size()
    }

    pub fn content_width(&self) -> f32 {
        self.size().width - self.margins.left - self.margins.right
    }

    fn bottom(&self) -> f32 {
        self.size().height - self.margins.bottom
    }

    /// The current page, starting one if none is open.
    pub fn page(&mut self) -> usize {
        match self.page {
            Some(p) => p,
            None => self.new_page(),
        }
    }

    pub fn new_page(&mut self) -> usize {
        let p = self.pdf.add_page();
        self.page = Some(p);
        self.first_words.push(None);
        self.y = self.margins.top;
        p
    }

    /// Current position below the page's top edge.
    pub fn y(&self) -> f32 {
        self.y
    }

    /// Moves to `y` on the current page (e.g. back up to set a second column).
    pub fn set_y(&mut self, y: f32) {
        self.page();
        self.y = y;
    }

    pub fn remaining(&self) -> f32 {
        self.bottom() - self.y
    }

    pub fn space(&mut self, h: f32) {
        self.page();
        self.y += h;
    }

    /// Starts a new page unless `h` points still fit on this one.
    pub fn keep(&mut self, h: f32) {
        self.page();
        if self.remaining() < h {
            self.new_page();
        }
    }

    /// Sets a paragraph across the content width, breaking pages between lines.
    pub fn paragraph(&mut self, p: &Paragraph) {
        let width = self.content_width();
        self.paragraph_in(p, 0.0, width);
    }

    /// Sets a paragraph in a column `width` wide starting `dx` from the left margin.
    pub fn paragraph_in(&mut self, p: &Paragraph, dx: f32, width: f32) {
        let room = width.min(self.content_width() - dx);
        for line in layout(p, width) {
            super::overflow::check(&line, room, "paragraph");
            let page = self.page();
            let page = if self.remaining() < line.height {
                self.new_page()
            } else {
                page
            };
            let x = self.margins.left + dx;
            if let Some(first @ None) = self.first_words.get_mut(page) {
                *first = line.words.first().map(|w| w.text.trim_end().to_owned());
            }
            self.pdf.line(page, x, self.y, &line);
            self.y += line.height;
        }
    }

    /// Draws an image of `w` × `h` points at `dx` from the left margin.
    pub fn image(&mut self, image: &Image, key: usize, dx: f32, w: f32, h: f32) {
        self.keep(h);
        let page = self.page();
        let area = Area {
            x: self.margins.left + dx,
            top: self.y,
            w,
            h,
        };
        self.pdf.image(page, key, image, area);
        self.y += h;
    }

    fn pieces(cell: &Cell, width: f32, page_room: f32) -> Vec<(usize, Piece)> {
        let mut out = Vec::new();
        for (b, block) in cell.iter().enumerate() {
            match block {
                Block::Para(p) => out.extend(layout(p, width).into_iter().map(|l| (b, Piece::Line(l)))),
                Block::Image { image, key, max_height } => {
                    let mut w = width;
                    let mut h = w * image.aspect();
                    let limit = max_height.min(page_room - 8.0).max(8.0);
                    if h > limit {
                        h = limit;
                        w = h / image.aspect();
                    }
                    out.push((
                        b,
                        Piece::Image {
                            image: image.clone(),
                            key: *key,
                            w,
                            h,
                        },
                    ));
                }
                Block::Space(h) => out.push((b, Piece::Space(*h))),
            }
        }
        out
    }

    /// Sets a table. A row that does not fit continues on the next page,
    /// below a repeated header row. Where a row breaks, at most one cell
    /// splits inside a paragraph (keeping two lines on each side); the others
    /// break between paragraphs, so that every paragraph still reads in one
    /// piece in the text of the PDF.
    pub fn table(&mut self, t: &Table) -> Result<(), TypesetError> {
        if t.widths.len() != t.header.len() || t.rows.iter().any(|r| r.len() != t.widths.len()) {
            return Err(TypesetError::Layout("every table row needs one cell per column".into()));
        }
        let pad = t.padding;
        let page_room = self.size().height - self.margins.top - self.margins.bottom;
        let inner: Vec<f32> = t.widths.iter().map(|w| w - 2.0 * pad).collect();
        let header: Vec<Vec<(usize, Piece)>> = t
            .header
            .iter()
            .zip(&inner)
            .map(|(c, &w)| Self::pieces(c, w, page_room))
            .collect();
        let header_h = header.iter().map(|c| height(c)).fold(0.0, f32::max) + 2.0 * pad;
        let full_room = page_room - header_h - 2.0 * pad;

        self.keep(header_h * 2.0);
        self.draw_header(t, &header, header_h);
        let mut fresh = true;
        let laid = |row: &Vec<Cell>| -> Vec<Vec<(usize, Piece)>> {
            row.iter()
                .zip(&inner)
                .map(|(c, &w)| Self::pieces(c, w, page_room - header_h))
                .collect()
        };
        let row_h = |cells: &[Vec<(usize, Piece)>]| cells.iter().map(|c| height(c)).fold(0.0, f32::max) + 2.0 * pad;
        let n = t.rows.len();
        for (ri, row) in t.rows.iter().enumerate() {
            let cells = laid(row);
            // A total row never starts a page alone: the row before it goes
            // over with it when the two do not fit here but do on a page.
            if t.total && n >= 2 && ri == n - 2 && !fresh {
                let both = row_h(&cells) + row_h(&laid(&t.rows[n - 1]));
                if both > self.remaining() && row_h(&cells) <= self.remaining() && both <= full_room {
                    self.new_page();
                    self.draw_header(t, &header, header_h);
                    fresh = true;
                }
            }
            let mut at = vec![0usize; cells.len()];
            // The cell split inside a paragraph at the last page break: drawn
            // first on the next page, so that the paragraph's two halves are
            // adjacent in the text of the PDF.
            let mut carry: Option<usize> = None;
            loop {
                let room = self.remaining() - 2.0 * pad;
                let ends = slice_ends(&cells, &at, room, full_room, fresh);
                let progressed = ends.iter().zip(&at).any(|(e, a)| e > a);
                let done = ends.iter().zip(&cells).all(|(e, c)| *e == c.len());
                // A row starts with something in every cell that has content,
                // or on the next page.
                let starting = at.iter().all(|&a| a == 0);
                let lame_start = starting && cells.iter().zip(&ends).any(|(c, &e)| !c.is_empty() && e == 0);
                if (!progressed || lame_start) && !done && !fresh {
                    self.new_page();
                    self.draw_header(t, &header, header_h);
                    fresh = true;
                    continue;
                }
                if !progressed && !done {
                    if fresh {
                        return Err(TypesetError::Layout("a table cell is taller than a page".into()));
                    }
                    self.new_page();
                    self.draw_header(t, &header, header_h);
                    fresh = true;
                    continue;
                }
                let slice_h = cells
                    .iter()
                    .zip(at.iter().zip(&ends))
                    .map(|(c, (&a, &e))| height(&c[a..e]))
                    .fold(0.0, f32::max);
                self.draw_slice(t, &cells, &at, &ends, slice_h + 2.0 * pad, false, carry);
                fresh = false;
                carry = (0..cells.len()).find(|&ci| {
                    let e = ends[ci];
                    e > 0 && e < cells[ci].len() && cells[ci][e - 1].0 == cells[ci][e].0
                });
                at = ends;
                if done {
                    break;
                }
                self.new_page();
                self.draw_header(t, &header, header_h);
                fresh = true;
            }
        }
        Ok(())
    }

    fn draw_header(&mut self, t: &Table, header: &[Vec<(usize, Piece)>], h: f32) {
        let all: Vec<usize> = header.iter().map(Vec::len).collect();
        self.draw_slice(t, header, &vec![0; header.len()], &all, h, true, None);
    }

    /// Draws one page's part of a row. Drawing order is reading order in
    /// the PDF's text: a paragraph continued from the last page comes first,
    /// one continued on the next page comes last.
    #[allow(clippy::too_many_arguments)]
    fn draw_slice(
        &mut self,
        t: &Table,
        cells: &[Vec<(usize, Piece)>],
        from: &[usize],
        to: &[usize],
        h: f32,
        header: bool,
        carried_in: Option<usize>,
    ) {
        let page = self.page();
        let mut x = self.margins.left;
        // (cell, piece index, x, y) of everything on this slice.
        let mut placed: Vec<(usize, usize, f32, f32)> = Vec::new();
        for (ci, c) in cells.iter().enumerate() {
            let w = t.widths[ci];
            let fill = if header { t.header_fill } else { None };
            self.pdf
                .rect(page, Area { x, top: self.y, w, h }, Some((t.rule, t.rule_color)), fill);
            let mut y = self.y + t.padding;
            for (pi, (_, piece)) in c.iter().enumerate().take(to[ci]).skip(from[ci]) {
                placed.push((ci, pi, x + t.padding, y));
                y += piece.height();
            }
            x += w;
        }
        let head = |&(ci, pi, _, _): &(usize, usize, f32, f32)| {
            carried_in == Some(ci) && pi > 0 && cells[ci][pi].0 == cells[ci][from[ci]].0 && {
                let first = from[ci];
                first > 0 && cells[ci][first - 1].0 == cells[ci][first].0
            }
        };
        let tail = |&(ci, pi, _, _): &(usize, usize, f32, f32)| {
            let last = to[ci];
            last > from[ci]
                && last < cells[ci].len()
                && cells[ci][last - 1].0 == cells[ci][last].0
                && cells[ci][pi].0 == cells[ci][last].0
        };
        let rank = |p: &(usize, usize, f32, f32)| {
            if head(p) {
                0
            } else if tail(p) {
                2
            } else {
                1
            }
        };
        placed.sort_by_key(|p| rank(p)); // stable: cell order within a rank
        for (ci, pi, px, py) in placed {
            match &cells[ci][pi].1 {
                Piece::Line(line) => {
                    super::overflow::check(line, t.widths[ci] - 2.0 * t.padding, "table cell");
                    self.pdf.line(page, px, py, line);
                }
                Piece::Image { image, key, w, h } => self.pdf.image(
                    page,
                    *key,
                    image,
                    Area {
                        x: px,
                        top: py + 2.0,
                        w: *w,
                        h: *h,
                    },
                ),
                Piece::Space(_) => {}
            }
        }
        self.y += h;
    }

    /// Writes page numbers with `label(n, total)` (1-based) through `f`, then
    /// finishes the PDF.
    pub fn finish(mut self, mut number: impl FnMut(&mut PdfWriter, usize, usize)) -> Result<Vec<u8>, TypesetError> {
        let total = self.pdf.page_count();
        for page in 0..total {
            number(&mut self.pdf, page, total);
        }
        self.pdf.finish()
    }

    /// Like [`Flow::finish`], the pages as SVG for a preview (the writer
    /// was made [`PdfWriter::with_preview`]).
    pub fn finish_preview(mut self, mut number: impl FnMut(&mut PdfWriter, usize, usize)) -> Vec<String> {
        let total = self.pdf.page_count();
        for page in 0..total {
            number(&mut self.pdf, page, total);
        }
        self.pdf.finish_preview()
    }
}

fn height(pieces: &[(usize, Piece)]) -> f32 {
    pieces.iter().map(|(_, p)| p.height()).sum()
}

/// Lines a split paragraph keeps on each side of a page break.
const MIN_LINES: usize = 2;

/// How far each cell of a row gets in `room` points: whole paragraphs, and
/// inside one paragraph for at most one cell.
fn slice_ends(cells: &[Vec<(usize, Piece)>], at: &[usize], room: f32, full_room: f32, fresh: bool) -> Vec<usize> {
    // Pieces that fit, cell by cell.
    let fit: Vec<usize> = cells
        .iter()
        .zip(at)
        .map(|(c, &a)| {
            let mut h = 0.0;
            let mut e = a;
            while e < c.len() && h + c[e].1.height() <= room + 0.01 {
                h += c[e].1.height();
                e += 1;
            }
            e
        })
        .collect();
    // Each cell's end at a paragraph boundary, and its end inside one.
    let mut whole = Vec::with_capacity(cells.len());
    let mut split = Vec::with_capacity(cells.len());
    for (ci, c) in cells.iter().enumerate() {
        let (a, e) = (at[ci], fit[ci]);
        if e == c.len() || e == a || c[e - 1].0 != c[e].0 {
            whole.push(e);
            split.push(None);
            continue;
        }
        let para = c[e].0;
        let p_start = c[..e].iter().rposition(|(b, _)| *b != para).map_or(0, |i| i + 1).max(a);
        let p_end = c[e..].iter().position(|(b, _)| *b != para).map_or(c.len(), |i| e + i);
        whole.push(p_start);
        // A paragraph taller than a page must split; others may, keeping
        // MIN_LINES on both sides.
        let cut = e.min(p_end.saturating_sub(MIN_LINES));
        let too_tall = height(&c[p_start..p_end]) > full_room;
        split.push((cut >= p_start + MIN_LINES || too_tall && cut > p_start).then_some(cut));
    }
    let mut ends = whole.clone();
    // The one cell allowed to split: the one that gains most by it.
    let best = split
        .iter()
        .enumerate()
        .filter_map(|(ci, s)| s.map(|cut| (ci, height(&cells[ci][whole[ci]..cut]))))
        .max_by(|x, y| x.1.total_cmp(&y.1));
    if let Some((ci, _)) = best {
        ends[ci] = split[ci].unwrap_or(whole[ci]);
    }
    // On a fresh page something must go, whatever the rules say.
    if fresh
        && ends.iter().zip(at).all(|(e, a)| e == a)
        && let Some(ci) = (0..cells.len()).find(|&ci| fit[ci] > at[ci])
    {
        ends[ci] = fit[ci];
    }
    ends
}
