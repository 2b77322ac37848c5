//! A finished PDF's document information: the history entry it was made
//! at (a key of its own), its dates and file identifier made from the
//! records rather than the clock, so the same records print the same bytes.
//!
//! The stamp is set in the document before it is written
//! ([`with_stamp`] around the typesetting, read by
//! [`crate::pdf::PdfWriter::finish`]), so a PDF is serialized and
//! compressed once, not written, parsed and written again.

use std::cell::RefCell;

use crate::TypesetError;

/// What a PDF's information dictionary is to hold besides printpdf's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    /// A key of its own (PDF 32000 14.3.3 allows them) and its value.
    pub key: String,
    pub value: String,
    /// Given (UTC: year, month, day, hour, minute, second), the document
    /// is dated then instead of when it was typeset, and its file
    /// identifier's two halves are made from what it holds: the same
    /// records print the same bytes.
    pub made: Option<[u32; 6]>,
}

thread_local! {
    static STAMP: RefCell<Option<Stamp>> = const { RefCell::new(None) };
}

/// Runs `f` with every PDF finished inside it on this thread stamped with
/// `stamp` (none when `None`), as it was again afterwards.
pub fn with_stamp<T>(stamp: Option<Stamp>, f: impl FnOnce() -> T) -> T {
    struct Restore(Option<Stamp>);
    impl Drop for Restore {
        fn drop(&mut self) {
            STAMP.set(self.0.take());
        }
    }
    let _restore = Restore(STAMP.replace(stamp));
    f()
}

/// Stamps `lo` with this thread's stamp, if [`with_stamp`] set one.
pub(crate) fn apply_current(lo: &mut lopdf::Document) -> Result<(), TypesetError> {
    STAMP.with_borrow(|stamp| match stamp {
        Some(stamp) => apply(lo, stamp),
        None => Ok(()),
    })
}

/// Sets `stamp` in `lo`'s information dictionary (and its dates and file
/// identifier, given `made`).
fn apply(lo: &mut lopdf::Document, stamp: &Stamp) -> Result<(), TypesetError> {
    let mut entries = vec![(stamp.key.clone(), lopdf::Object::string_literal(stamp.value.as_str()))];
    if let Some([y, mo, d, h, mi, s]) = stamp.made {
        let date = format!("D:{y:04}{mo:02}{d:02}{h:02}{mi:02}{s:02}+00'00'");
        for k in ["CreationDate", "ModDate"] {
            entries.push((k.to_owned(), lopdf::Object::string_literal(date.as_str())));
        }
        // The identifier printpdf draws at random, made from what the
        // document holds: its streams and the value stamped.
        let mut h: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
        let mut eat = |bytes: &[u8]| {
            for b in bytes {
                h = (h ^ u128::from(*b)).wrapping_mul(0x0000_0000_0100_0000_0000_0000_0000_013b);
            }
        };
        eat(stamp.value.as_bytes());
        for object in lo.objects.values() {
            if let lopdf::Object::Stream(stream) = object {
                eat(&stream.content);
            }
        }
        let id = lopdf::Object::String(h.to_be_bytes().to_vec(), lopdf::StringFormat::Hexadecimal);
        lo.trailer.set("ID", vec![id.clone(), id]);
    }
    let info = match lo.trailer.get(b"Info").and_then(lopdf::Object::as_reference) {
        Ok(id) => id,
        Err(_) => {
            let id = lo.add_object(lopdf::Dictionary::new());
            lo.trailer.set("Info", id);
            id
        }
    };
    let dict = lo
        .get_object_mut(info)
        .and_then(|o| o.as_dict_mut())
        .map_err(layout_error)?;
    for (k, v) in entries {
        dict.set(k, v);
    }
    Ok(())
}

/// A lopdf error while a document is put together, in the words every
/// PDF writer of the crate reports it with.
pub(crate) fn layout_error(e: lopdf::Error) -> TypesetError {
    TypesetError::Layout(format!("cannot write the PDF: {e}"))
}

/// The value of `key` in a PDF's document information dictionary, if any.
pub fn info(pdf: &[u8], key: &str) -> Option<String> {
    let lo = lopdf::Document::load_mem(pdf).ok()?;
    let id = lo.trailer.get(b"Info").and_then(lopdf::Object::as_reference).ok()?;
    let dict = lo.get_object(id).and_then(|o| o.as_dict()).ok()?;
    let bytes = dict.get(key.as_bytes()).and_then(|o| o.as_str()).ok()?;
    String::from_utf8(bytes.to_vec()).ok()
}

/// The bytes of a finished document: object streams (page dictionaries and
/// link annotations compressed too) and an xref stream.
pub(crate) fn save(mut lo: lopdf::Document) -> Result<Vec<u8>, TypesetError> {
    let options = lopdf::SaveOptions::builder()
        .use_object_streams(true)
        .use_xref_streams(true)
        .compression_level(9)
        .build();
    let mut out = Vec::new();
    lo.save_with_options(&mut out, options)
        .map_err(|e| TypesetError::Layout(format!("cannot write the PDF: {e}")))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::PdfWriter;

    /// Whether `o` is a cross-reference or object stream: how a writer
    /// packs the document's objects, not one of them.
    fn packing(o: &lopdf::Object) -> bool {
        matches!(o, lopdf::Object::Stream(s)
            if s.dict.get(b"Type").and_then(lopdf::Object::as_name).is_ok_and(|t| t == b"XRef" || t == b"ObjStm"))
    }

    /// How documents were stamped before: the finished PDF parsed, stamped
    /// and written again.
    fn stamped_after(pdf: &[u8], stamp: &Stamp) -> Vec<u8> {
        let mut lo = lopdf::Document::load_mem(pdf).unwrap();
        // The cross-reference and object streams read in are written anew.
        lo.objects.retain(|_, o| !packing(o));
        apply(&mut lo, stamp).unwrap();
        save(lo).unwrap()
    }

    /// Three pages of Thai text (its font subset and widths are streams
    /// too) and a link, numbered at the foot as documents are.
    fn document() -> Vec<u8> {
        use crate::flow::{Flow, Margins};
        use crate::layout::{Paragraph, Style};
        let margins = Margins {
            top: 72.0,
            right: 72.0,
            bottom: 72.0,
            left: 72.0,
        };
        let mut flow = Flow::new(PdfWriter::new("ทดสอบ", crate::pdf::PageSize::A4_PORTRAIT), margins);
        for n in 0..3 {
            flow.paragraph(&Paragraph::new(
                format!("มาตรการที่ {n} https://www.ipthailand.go.th/"),
                Style::bold(16.0),
            ));
            flow.paragraph(&Paragraph::new("ผลการดำเนินการ ".repeat(40), Style::regular(16.0)));
            flow.new_page();
        }
        flow.finish(|_, _, _| {}).unwrap()
    }

    /// A PDF's objects by number, but for the object and cross-reference
    /// streams (how they are packed), and its trailer's entries that
    /// name the document.
    fn objects(pdf: &[u8]) -> (Vec<(lopdf::ObjectId, String)>, Vec<String>) {
        let lo = lopdf::Document::load_mem(pdf).unwrap();
        let objects = lo
            .objects
            .iter()
            .filter(|(_, o)| !packing(o))
            .map(|(id, o)| (*id, format!("{o:?}")))
            .collect();
        let trailer = ["Root", "Info", "ID"]
            .iter()
            .map(|k| format!("{:?}", lo.trailer.get(k.as_bytes()).unwrap()))
            .collect();
        (objects, trailer)
    }

    #[test]
    fn a_document_stamped_as_it_is_written_is_the_one_stamped_afterwards() {
        let stamp = Stamp {
            key: "ProngsaiHistory".into(),
            value: "42 ab12".into(),
            made: Some([2023, 10, 1, 9, 30, 0]),
        };
        let plain = document();
        let once = with_stamp(Some(stamp.clone()), document);
        let after = stamped_after(&plain, &stamp);
        // The same objects, dates and identifier; only the numbers of the
        // streams that pack them differ (written again, the old ones' two
        // numbers were left free).
        assert_eq!(objects(&once), objects(&after));
        assert!(once.len() < after.len());
        assert_eq!(info(&once, "ProngsaiHistory").as_deref(), Some("42 ab12"));
        assert_eq!(info(&once, "CreationDate").as_deref(), Some("D:20231001093000+00'00'"));
        // The same records print the same bytes.
        assert_eq!(once, with_stamp(Some(stamp.clone()), document));
        // Outside `with_stamp` nothing is stamped, and the stamp is gone
        // once it returns.
        assert_eq!(info(&plain, "ProngsaiHistory"), None);
        assert_eq!(info(&document(), "ProngsaiHistory"), None);
    }
}
