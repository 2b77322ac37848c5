//! Lines that do not fit their box, noted as they are drawn: a document's
//! test asks for them ([`take`]), so that a line spilling out of its cell or
//! over the margin fails a test rather than a reader's eye. Per thread, as
//! a document is typeset on one.

use std::cell::RefCell;

use super::layout::Line;

thread_local! {
    static OVERFLOWS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Notes `line` if it is wider than the `width` points it was set in.
pub(crate) fn check(line: &Line, width: f32, place: &str) {
    let right = line.x + line.width;
    if right > width + 0.5 || line.x < -0.5 {
        OVERFLOWS.with(|o| {
            o.borrow_mut().push(format!(
                "{place}: \"{}\" runs from {:.1} to {right:.1} pt in a box {width:.1} pt wide",
                line.text, line.x
            ));
        });
    }
}

/// The overflows noted on this thread since the last call.
pub fn take() -> Vec<String> {
    OVERFLOWS.with(|o| std::mem::take(&mut *o.borrow_mut()))
}
