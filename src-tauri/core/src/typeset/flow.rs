//! Pagination: blocks flow down pages between margins; tables repeat their
//! header row on every page and split a row that does not fit at a line
//! boundary, continuing it on the next page.

use std::sync::Arc;

use super::TypesetError;
use super::layout::{Line, Paragraph, Rgb, layout};
use super::pdf::{Image, PageSize, PdfWriter};

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
}

impl Flow {
    pub fn new(pdf: PdfWriter, margins: Margins) -> Flow {
        Flow {
            pdf,
            margins,
            page: None,
            y: 0.0,
        }
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
        for line in layout(p, width) {
            let page = self.page();
            let page = if self.remaining() < line.height {
                self.new_page()
            } else {
                page
            };
            let x = self.margins.left + dx;
            self.pdf.line(page, x, self.y, &line);
            self.y += line.height;
        }
    }

    /// Draws an image of `w` × `h` points at `dx` from the left margin.
    pub fn image(&mut self, image: &Image, key: usize, dx: f32, w: f32, h: f32) {
        self.keep(h);
        let page = self.page();
        self.pdf
            .image(page, key, image, self.margins.left + dx, self.y, w, h);
        self.y += h;
    }

    fn pieces(cell: &Cell, width: f32, page_room: f32) -> Vec<Piece> {
        let mut out = Vec::new();
        for block in cell {
            match block {
                Block::Para(p) => out.extend(layout(p, width).into_iter().map(Piece::Line)),
                Block::Image {
                    image,
                    key,
                    max_height,
                } => {
                    let mut w = width;
                    let mut h = w * image.aspect();
                    let limit = max_height.min(page_room - 8.0).max(8.0);
                    if h > limit {
                        h = limit;
                        w = h / image.aspect();
                    }
                    out.push(Piece::Image {
                        image: image.clone(),
                        key: *key,
                        w,
                        h,
                    });
                }
                Block::Space(h) => out.push(Piece::Space(*h)),
            }
        }
        out
    }

    /// Sets a table. Rows that do not fit continue on the next page, below
    /// a repeated header row.
    pub fn table(&mut self, t: &Table) -> Result<(), TypesetError> {
        if t.widths.len() != t.header.len() || t.rows.iter().any(|r| r.len() != t.widths.len()) {
            return Err(TypesetError::Layout(
                "every table row needs one cell per column".into(),
            ));
        }
        let pad = t.padding;
        let page_room = self.size().height - self.margins.top - self.margins.bottom;
        let inner: Vec<f32> = t.widths.iter().map(|w| w - 2.0 * pad).collect();
        let header: Vec<Vec<Piece>> = t
            .header
            .iter()
            .zip(&inner)
            .map(|(c, &w)| Self::pieces(c, w, page_room))
            .collect();
        let header_h = header
            .iter()
            .map(|c| c.iter().map(Piece::height).sum::<f32>())
            .fold(0.0, f32::max)
            + 2.0 * pad;

        self.keep(header_h * 2.0);
        self.draw_slice(
            t,
            &header,
            &vec![0; header.len()],
            &header.iter().map(Vec::len).collect::<Vec<_>>(),
            header_h,
            true,
        );
        for row in &t.rows {
            let cells: Vec<Vec<Piece>> = row
                .iter()
                .zip(&inner)
                .map(|(c, &w)| Self::pieces(c, w, page_room - header_h))
                .collect();
            let mut at = vec![0usize; cells.len()];
            loop {
                // How much of each cell fits in the room left on this page.
                let room = self.remaining() - 2.0 * pad;
                let total_left: f32 = cells
                    .iter()
                    .zip(&at)
                    .map(|(c, &i)| c[i..].iter().map(Piece::height).sum::<f32>())
                    .fold(0.0, f32::max);
                let min_useful = total_left.min(
                    3.0 * cells
                        .iter()
                        .flatten()
                        .map(Piece::height)
                        .fold(0.0, f32::max)
                        .min(30.0),
                );
                if room < min_useful {
                    self.new_page();
                    self.draw_slice(
                        t,
                        &header,
                        &vec![0; header.len()],
                        &header.iter().map(Vec::len).collect::<Vec<_>>(),
                        header_h,
                        true,
                    );
                    continue;
                }
                let mut ends = at.clone();
                let mut slice_h: f32 = 0.0;
                for (ci, c) in cells.iter().enumerate() {
                    let mut h = 0.0;
                    while ends[ci] < c.len() && h + c[ends[ci]].height() <= room + 0.01 {
                        h += c[ends[ci]].height();
                        ends[ci] += 1;
                    }
                    slice_h = slice_h.max(h);
                }
                let progressed = ends.iter().zip(&at).any(|(e, a)| e > a);
                let done = ends.iter().zip(&cells).all(|(e, c)| *e == c.len());
                if !progressed && !done {
                    // Nothing fits even on a fresh page: cannot happen for
                    // lines and scaled images, but never loop forever.
                    return Err(TypesetError::Layout(
                        "a table cell is taller than a page".into(),
                    ));
                }
                self.draw_slice(t, &cells, &at, &ends, slice_h + 2.0 * pad, false);
                at = ends;
                if done {
                    break;
                }
                self.new_page();
                self.draw_slice(
                    t,
                    &header,
                    &vec![0; header.len()],
                    &header.iter().map(Vec::len).collect::<Vec<_>>(),
                    header_h,
                    true,
                );
            }
        }
        Ok(())
    }

    fn draw_slice(
        &mut self,
        t: &Table,
        cells: &[Vec<Piece>],
        from: &[usize],
        to: &[usize],
        h: f32,
        header: bool,
    ) {
        let page = self.page();
        let mut x = self.margins.left;
        for (ci, c) in cells.iter().enumerate() {
            let w = t.widths[ci];
            let fill = if header { t.header_fill } else { None };
            self.pdf
                .rect(page, x, self.y, w, h, Some((t.rule, t.rule_color)), fill);
            let mut y = self.y + t.padding;
            for piece in &c[from[ci]..to[ci]] {
                match piece {
                    Piece::Line(line) => self.pdf.line(page, x + t.padding, y, line),
                    Piece::Image {
                        image,
                        key,
                        w: iw,
                        h: ih,
                    } => self
                        .pdf
                        .image(page, *key, image, x + t.padding, y + 2.0, *iw, *ih),
                    Piece::Space(_) => {}
                }
                y += piece.height();
            }
            x += w;
        }
        self.y += h;
    }

    /// Writes page numbers with `label(n, total)` (1-based) through `f`, then
    /// finishes the PDF.
    pub fn finish(
        mut self,
        mut number: impl FnMut(&mut PdfWriter, usize, usize),
    ) -> Result<Vec<u8>, TypesetError> {
        let total = self.pdf.page_count();
        for page in 0..total {
            number(&mut self.pdf, page, total);
        }
        self.pdf.finish()
    }
}
