//! Putting a finished file in place of another, the one way every
//! atomic write and restore does it: a temporary file written beside the
//! destination, then renamed over it.
//!
//! On Unix a rename replaces the destination even while another program
//! has it open. On Windows (`MoveFileExW` with `MOVEFILE_REPLACE_EXISTING`,
//! which `tempfile::persist` calls) it fails with a sharing violation or
//! "access denied" while the destination is open without
//! `FILE_SHARE_DELETE`: a PDF open in a reader, an antivirus scan, a
//! backup tool. That is usually brief, so the rename is retried for about
//! two seconds before the error is reported, and the temporary file is
//! kept until then (it is removed when given up, never left behind).

use std::io;
use std::path::Path;
use std::time::Duration;

use tempfile::{NamedTempFile, PersistError};

/// How many times a busy destination is tried, and how long apart at first.
const ATTEMPTS: u32 = 6;
const FIRST_WAIT: Duration = Duration::from_millis(60);

/// Whether a rename failed because another program holds the destination:
/// Windows' `ERROR_ACCESS_DENIED` (5) and `ERROR_SHARING_VIOLATION` (32).
/// Never on Unix, where a rename does not fail that way.
pub fn is_busy(e: &io::Error) -> bool {
    cfg!(windows) && matches!(e.raw_os_error(), Some(5 | 32))
}

/// Renames `tmp` over `dest`, retrying while the destination is busy.
pub fn replace_file(tmp: NamedTempFile, dest: &Path) -> Result<(), PersistError> {
    replace_with(tmp, dest, is_busy)
}

/// [`replace_file`] with the test for a busy destination given.
pub fn replace_with(
    mut tmp: NamedTempFile,
    dest: &Path,
    mut busy: impl FnMut(&io::Error) -> bool,
) -> Result<(), PersistError> {
    let mut wait = FIRST_WAIT;
    for attempt in 1..=ATTEMPTS {
        match tmp.persist(dest) {
            Ok(_) => return Ok(()),
            Err(e) if attempt < ATTEMPTS && busy(&e.error) => {
                tmp = e.file;
                std::thread::sleep(wait);
                wait *= 2;
            }
            Err(e) => return Err(e),
        }
    }
    unreachable!("the last attempt returns")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn temp_in(dir: &Path, text: &str) -> NamedTempFile {
        let mut t = NamedTempFile::new_in(dir).unwrap();
        t.write_all(text.as_bytes()).unwrap();
        t
    }

    #[test]
    fn a_busy_destination_is_retried_until_it_is_free() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("report.pdf");
        // Held: a directory in its place makes every rename fail, as a
        // reader holding the file does on Windows; freed on the second try.
        std::fs::create_dir(&dest).unwrap();
        let mut tries = 0;
        replace_with(temp_in(dir.path(), "new"), &dest, |_| {
            tries += 1;
            if tries == 2 {
                std::fs::remove_dir(&dest).unwrap();
            }
            true
        })
        .unwrap();
        assert_eq!(tries, 2);
        assert_eq!(std::fs::read_to_string(&dest).unwrap(), "new");
    }

    #[test]
    fn a_destination_held_too_long_is_reported_and_the_temporary_file_removed() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("report.pdf");
        std::fs::create_dir(&dest).unwrap();
        let mut tries = 0;
        let err = replace_with(temp_in(dir.path(), "new"), &dest, |_| {
            tries += 1;
            true
        })
        .unwrap_err();
        assert_eq!(tries, ATTEMPTS - 1);
        drop(err);
        // Only the held destination is left: the temporary file is gone.
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(left, vec![std::ffi::OsString::from("report.pdf")]);
    }

    #[test]
    fn on_unix_nothing_is_busy() {
        let denied = io::Error::from_raw_os_error(5);
        assert_eq!(is_busy(&denied), cfg!(windows));
        // An existing file is replaced whole.
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("a.txt");
        std::fs::write(&dest, "old").unwrap();
        replace_file(temp_in(dir.path(), "new"), &dest).unwrap();
        assert_eq!(std::fs::read_to_string(&dest).unwrap(), "new");
    }
}
