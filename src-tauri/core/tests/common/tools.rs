//! What the tests that read documents share.

/// Runs a command-line tool the PDF tests read documents with (pdftotext,
/// pdffonts, pdftoppm, qpdf, python3 with pypdf), and returns what it
/// printed; a tool missing or failing fails the test, saying which.
pub fn tool(cmd: &str, args: &[&str]) -> String {
    let out = std::process::Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd} not found ({e}): make test installs it"));
    assert!(
        out.status.success(),
        "{cmd} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}
