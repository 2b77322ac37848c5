//! What every printed document shares: the landscape page the budget
//! documents start on, and page numbers as Thai documents print them.

use crate::domain::Digits;

/// A landscape A4 document with its centred title and the organization's
/// name beneath, as the budget documents start.
pub(super) fn landscape_document(title: &str, org_name: &str) -> crate::typeset::Flow {
    use crate::typeset::{Align, Flow, Margins, PageSize, Paragraph, PdfWriter, Style, mm};
    let mut flow = Flow::new(
        PdfWriter::new(title, PageSize::A4_LANDSCAPE),
        Margins {
            top: mm(15.0),
            right: mm(15.0),
            bottom: mm(15.0),
            left: mm(20.0),
        },
    );
    flow.paragraph(&Paragraph::new(title, Style::bold(20.0)).align(Align::Center));
    flow.paragraph(&Paragraph::new(org_name, Style::bold(16.0)).align(Align::Center));
    flow
}

/// Page numbers as Thai documents print them: "- 2 -" centred at the top
/// of every page but the first, in the chosen digits.
pub(super) fn page_numbers(
    digits: Digits,
    size: f32,
    top: f32,
) -> impl FnMut(&mut crate::typeset::PdfWriter, usize, usize) {
    use crate::typeset::{Align, Paragraph, Style};
    move |pdf, page, _total| {
        if page == 0 {
            return;
        }
        let p = Paragraph::new(
            crate::thai::to_display(&format!("- {} -", page + 1), digits),
            Style::regular(size),
        )
        .align(Align::Center);
        let width = pdf.size().width;
        for line in crate::typeset::layout::layout(&p, width) {
            pdf.line(page, 0.0, top, &line);
        }
    }
}
