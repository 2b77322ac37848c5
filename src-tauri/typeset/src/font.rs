//! The faces documents are set in: Sarabun Regular and Bold, compiled in
//! (SIL OFL 1.1, see `fonts/OFL.txt`), so no system font is ever needed; or
//! the TH Sarabun New / TH SarabunPSK the user chose on their own machine
//! ([`load`], set for one document with [`with_faces`]). A chosen file is
//! read, never copied: the PDF embeds a subset of it, as of Sarabun.
//!
//! Sizes are official sizes. "16 pt" in the Regulation on Official
//! Correspondence means TH SarabunPSK / TH Sarabun New at 16 pt, and
//! Sarabun, its OFL redrawing, is drawn half as wide again at the same size
//! (ก 576 against 386 thousandths of an em, Thai digits 676 against 449).
//! So every face carries the point size that looks like one official
//! point ([`Face::official`]): a Style of 16 sets Sarabun at 10.67 pt, with
//! the same characters per line as TH Sarabun New 16 pt.

use std::cell::Cell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, Mutex};

// foldhash, not SipHash, for the maps read for every glyph set: their keys
// are characters and glyph ids, nobody's chosen flood.
use foldhash::HashMap as FastMap;

use harfrust::{Font, ShaperFont};

static REGULAR_BYTES: &[u8] = include_bytes!("../fonts/Sarabun-Regular.ttf");
static BOLD_BYTES: &[u8] = include_bytes!("../fonts/Sarabun-Bold.ttf");

/// The same two faces as WOFF2 for web pages, by the file names pages link
/// to (made from the TTFs by `scripts/make-woff2.sh`).
pub static WEB_FONTS: [(&str, &[u8]); 2] = [
    (
        "sarabun-regular.woff2",
        include_bytes!("../fonts/Sarabun-Regular.woff2"),
    ),
    ("sarabun-bold.woff2", include_bytes!("../fonts/Sarabun-Bold.woff2")),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Weight {
    Regular,
    Bold,
}

impl Weight {
    pub const ALL: [Weight; 2] = [Weight::Regular, Weight::Bold];
    pub fn index(self) -> usize {
        self as usize
    }
}

pub struct Face {
    pub weight: Weight,
    /// PostScript-style name written into the PDF.
    pub name: &'static str,
    pub data: &'static [u8],
    font: Font,
    pub units_per_em: f32,
    /// Points of this face that look like one point of TH Sarabun New.
    pub official: f32,
    /// hmtx advance of every glyph, read once (asked for every glyph written).
    advances: Vec<i32>,
    /// The font's glyph for the characters documents use most (Basic Latin,
    /// Latin-1, Thai), read once; others are looked up in the cmap.
    common: FastMap<char, u32>,
    /// The character the font maps to each glyph (the first, for a glyph of
    /// two), for what a PDF reader copies.
    chars: FastMap<u16, char>,
    /// Shaping plans by script and language, compiled once: harfrust's
    /// `shape` compiles one for every call otherwise.
    plans: Mutex<Vec<PlanEntry>>,
}

type PlanEntry = (
    (Option<harfrust::Script>, Option<harfrust::Language>),
    std::sync::Arc<harfrust::ShapePlan>,
);

impl Face {
    fn load(weight: Weight, name: &'static str, data: &'static [u8]) -> Result<Face, FontProblem> {
        let font = Font::new(data, 0).ok_or(FontProblem::NotTrueType)?;
        let units_per_em = f32::from(font.units_per_em());
        let shaper = ShaperFont::new(&font);
        let advances: Vec<i32> = (0..font.num_glyphs())
            .map(|g| shaper.glyph_h_advance(harfrust::GlyphId::new(g)))
            .collect();
        let mapped: Vec<(char, u32)> = ('\u{20}'..='\u{FF}')
            .chain('\u{0E00}'..='\u{0E7F}')
            .chain('\u{2000}'..='\u{206F}')
            .filter_map(|c| shaper.nominal_glyph(c as u32).map(|g| (c, g.to_u32())))
            .collect();
        let mut chars = FastMap::default();
        for &(c, g) in &mapped {
            if let Ok(g) = u16::try_from(g) {
                chars.entry(g).or_insert(c);
            }
        }
        let common: FastMap<char, u32> = mapped.into_iter().collect();
        drop(shaper);
        // As wide as TH Sarabun New at the same official size, measured on ก.
        let ko = *common.get(&'ก').ok_or(FontProblem::NoThai)?;
        let ko_width = advances.get(ko as usize).copied().unwrap_or(0) as f32 / units_per_em;
        if ko_width <= 0.0 {
            return Err(FontProblem::NoThai);
        }
        Ok(Face {
            weight,
            name,
            data,
            font,
            units_per_em,
            official: TH_SARABUN_KO / ko_width,
            advances,
            common,
            chars,
            plans: Mutex::new(Vec::new()),
        })
    }

    /// The plan for shaping a left-to-right run of `script` in `language`.
    pub fn plan(
        &self,
        script: Option<harfrust::Script>,
        language: Option<&harfrust::Language>,
    ) -> std::sync::Arc<harfrust::ShapePlan> {
        let mut plans = self.plans.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((_, plan)) = plans.iter().find(|((s, l), _)| *s == script && l.as_ref() == language) {
            return plan.clone();
        }
        let plan = std::sync::Arc::new(harfrust::ShapePlan::new(
            &self.font,
            harfrust::Direction::LeftToRight,
            script,
            language,
            &[],
        ));
        plans.push(((script, language.cloned()), plan.clone()));
        plan
    }

    pub fn shaper(&self) -> ShaperFont<'_, '_> {
        ShaperFont::new(&self.font)
    }

    /// Glyph the font maps `c` to, if it has one.
    pub fn glyph_of(&self, c: char) -> Option<u32> {
        match self.common.get(&c) {
            Some(&g) => Some(g),
            None if ('\u{20}'..='\u{FF}').contains(&c) || ('\u{0E00}'..='\u{0E7F}').contains(&c) => None,
            None => self.shaper().nominal_glyph(c as u32).map(harfrust::GlyphId::to_u32),
        }
    }

    /// The character the font maps to `gid`, if any.
    pub fn char_of(&self, gid: u16) -> Option<char> {
        self.chars.get(&gid).copied()
    }

    /// The glyph's advance in the font's `hmtx` (what a PDF viewer uses).
    pub fn advance(&self, gid: u16) -> i32 {
        match self.advances.get(usize::from(gid)) {
            Some(&a) => a,
            None => self.shaper().glyph_h_advance(harfrust::GlyphId::new(u32::from(gid))),
        }
    }

    /// Font units to points at the official `size`.
    pub fn scale(&self, size: f32) -> f32 {
        self.point_size(size) / self.units_per_em
    }

    /// The size this face is set at to look like the official `size`.
    pub fn point_size(&self, size: f32) -> f32 {
        size * self.official
    }
}

/// The width of ก in TH Sarabun New, in em: what one official point of any
/// face is measured against. Sarabun's ก is 0.576 em, so Sarabun is set at
/// 0.67 of the official size (a Style of 16 is Sarabun at 10.7 pt), with the
/// same characters per line as TH Sarabun New at 16 pt within 1 % (Thai
/// digits 676 × 0.67 = 453 against 449).
pub const TH_SARABUN_KO: f32 = 0.386;

/// A document's two faces.
pub type Faces = [Face; 2];

static BUILTIN: LazyLock<Faces> = LazyLock::new(|| {
    let load = |w, name, data| Face::load(w, name, data).expect("the compiled-in font parses");
    [
        load(Weight::Regular, "Sarabun-Regular", REGULAR_BYTES),
        load(Weight::Bold, "Sarabun-Bold", BOLD_BYTES),
    ]
});

thread_local! {
    /// The faces of the document being set on this thread, if not Sarabun.
    static CURRENT: Cell<Option<&'static Faces>> = const { Cell::new(None) };
}

/// The face of `weight` documents are set in on this thread.
pub fn face(weight: Weight) -> &'static Face {
    &CURRENT.get().unwrap_or(&BUILTIN)[weight.index()]
}

/// The compiled-in Sarabun, whatever the document's face (what a preview in
/// the webview draws with).
pub fn builtin(weight: Weight) -> &'static Face {
    &BUILTIN[weight.index()]
}

/// Runs `f` with `faces` (Sarabun when `None`) as this thread's faces, as
/// they were again afterwards: lay out and finish a document inside it.
pub fn with_faces<T>(faces: Option<&'static Faces>, f: impl FnOnce() -> T) -> T {
    struct Restore(Option<&'static Faces>);
    impl Drop for Restore {
        fn drop(&mut self) {
            CURRENT.set(self.0);
        }
    }
    let _restore = Restore(CURRENT.replace(faces));
    f()
}

/// Faces read from files, by file and modification time: each is read once
/// a process and kept for its life (a document refers to it as `'static`).
type FileKey = (PathBuf, Option<std::time::SystemTime>);
static LOADED: LazyLock<Mutex<HashMap<FileKey, &'static Faces>>> = LazyLock::new(|| Mutex::new(HashMap::new()));

/// Why a font file cannot set a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FontProblem {
    /// Not there, or not readable.
    Unreadable,
    /// No bold face beside the regular one.
    NoBold,
    /// Not a TrueType/OpenType font file.
    NotTrueType,
    /// A font without Thai letters.
    NoThai,
}

/// A font file that cannot set a document, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {}", file.display(), match problem {
    FontProblem::Unreadable => "cannot be read",
    FontProblem::NoBold => "has no bold face beside it",
    FontProblem::NotTrueType => "is not a TrueType font",
    FontProblem::NoThai => "has no Thai letters",
})]
pub struct FontError {
    pub file: PathBuf,
    pub problem: FontProblem,
}

/// The faces of a TH Sarabun file the user chose: `regular`, and its bold
/// beside it ([`bold_beside`]). Refused with the reason when either is
/// missing or is not a Thai TrueType font.
pub fn load(regular: &Path) -> Result<&'static Faces, FontError> {
    let fail = |file: &Path, problem| FontError {
        file: file.to_path_buf(),
        problem,
    };
    let meta = std::fs::metadata(regular).map_err(|_| fail(regular, FontProblem::Unreadable))?;
    let key = (regular.to_path_buf(), meta.modified().ok());
    let mut loaded = LOADED.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(faces) = loaded.get(&key) {
        return Ok(faces);
    }
    let bold = bold_beside(regular).ok_or_else(|| fail(regular, FontProblem::NoBold))?;
    // The PDF names the faces after the regular file: THSarabunNew, THSarabunNew-Bold.
    let stem = regular.file_stem().and_then(|s| s.to_str()).unwrap_or("Font");
    let base: String = stem.chars().filter(char::is_ascii_alphanumeric).collect();
    let base = base.strip_suffix("Regular").unwrap_or(&base).to_owned();
    let read = |w: Weight, path: &Path| -> Result<Face, FontError> {
        let data = std::fs::read(path).map_err(|_| fail(path, FontProblem::Unreadable))?;
        let name = match w {
            Weight::Regular => base.clone(),
            Weight::Bold => format!("{base}-Bold"),
        };
        Face::load(w, Box::leak(name.into_boxed_str()), Box::leak(data.into_boxed_slice()))
            .map_err(|problem| fail(path, problem))
    };
    let faces: &'static Faces = Box::leak(Box::new([read(Weight::Regular, regular)?, read(Weight::Bold, &bold)?]));
    loaded.insert(key, faces);
    Ok(faces)
}

/// The bold face's file beside a regular one, by the names TH Sarabun is
/// shipped under: `THSarabunNew.ttf` → `THSarabunNew Bold.ttf`,
/// `THSarabunNew-Regular.ttf` → `THSarabunNew-Bold.ttf`.
pub fn bold_beside(regular: &Path) -> Option<PathBuf> {
    let dir = regular.parent()?;
    let stem = regular.file_stem()?.to_str()?;
    let ext = regular.extension().and_then(|e| e.to_str()).unwrap_or("ttf");
    let base = stem
        .strip_suffix("-Regular")
        .or_else(|| stem.strip_suffix(" Regular"))
        .or_else(|| stem.strip_suffix("Regular"))
        .unwrap_or(stem);
    let entries: Vec<PathBuf> = std::fs::read_dir(dir).ok()?.flatten().map(|e| e.path()).collect();
    [
        format!("{base} Bold"),
        format!("{base}-Bold"),
        format!("{base}Bold"),
        format!("{base}_Bold"),
    ]
    .iter()
    .find_map(|want| {
        entries.iter().find(|p| {
            p.file_stem()
                .and_then(|s| s.to_str())
                .is_some_and(|s| s.eq_ignore_ascii_case(want))
                && p.extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| e.eq_ignore_ascii_case(ext))
        })
    })
    .cloned()
}

/// The folders fonts are installed in on this system (Windows, macOS,
/// Linux), the user's own first.
pub fn font_folders() -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Some(home) = std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE")) {
        let home = PathBuf::from(home);
        out.push(home.join("Library/Fonts"));
        out.push(home.join(".local/share/fonts"));
        out.push(home.join(".fonts"));
    }
    if let Some(local) = std::env::var_os("LOCALAPPDATA") {
        out.push(PathBuf::from(local).join("Microsoft/Windows/Fonts"));
    }
    if let Some(windir) = std::env::var_os("WINDIR") {
        out.push(PathBuf::from(windir).join("Fonts"));
    }
    out.extend(["/Library/Fonts", "/usr/local/share/fonts", "/usr/share/fonts"].map(PathBuf::from));
    out
}

/// TH Sarabun New and TH SarabunPSK regular faces with a bold beside them,
/// in `folders` and the folders under them (two levels), by file name.
pub fn find_th_sarabun(folders: &[PathBuf]) -> Vec<PathBuf> {
    fn walk(dir: &Path, depth: u8, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                if depth > 0 {
                    walk(&p, depth - 1, out);
                }
                continue;
            }
            let name = p
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("")
                .to_ascii_lowercase();
            let squeezed: String = name.chars().filter(|c| !matches!(c, ' ' | '-' | '_')).collect();
            let th_sarabun = squeezed.starts_with("thsarabunnew") || squeezed.starts_with("thsarabunpsk");
            let regular =
                squeezed == "thsarabunnew.ttf" || squeezed == "thsarabunpsk.ttf" || squeezed.ends_with("regular.ttf");
            if th_sarabun && regular && bold_beside(&p).is_some() {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    for f in folders {
        walk(f, 2, &mut out);
    }
    out.sort();
    out.dedup();
    out
}

/// The raw font file, e.g. for `hb-shape` in tests.
pub fn font_bytes(weight: Weight) -> &'static [u8] {
    match weight {
        Weight::Regular => REGULAR_BYTES,
        Weight::Bold => BOLD_BYTES,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sarabun's files under TH Sarabun New's names, in a folder of their own.
    fn th_sarabun_named(dir: &Path) -> PathBuf {
        let sub = dir.join("TH Sarabun New");
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join("THSarabunNew.ttf"), REGULAR_BYTES).unwrap();
        std::fs::write(sub.join("THSarabunNew Bold.ttf"), BOLD_BYTES).unwrap();
        std::fs::write(sub.join("THSarabunNew Italic.ttf"), b"not this one").unwrap();
        sub.join("THSarabunNew.ttf")
    }

    #[test]
    fn a_chosen_file_and_its_bold_set_the_document() {
        let dir = tempfile::tempdir().unwrap();
        let regular = th_sarabun_named(dir.path());
        assert_eq!(
            bold_beside(&regular),
            Some(regular.with_file_name("THSarabunNew Bold.ttf"))
        );
        assert_eq!(
            find_th_sarabun(&[dir.path().to_path_buf()]),
            std::slice::from_ref(&regular)
        );

        let faces = load(&regular).unwrap();
        assert!(std::ptr::eq(faces, load(&regular).unwrap()), "read once");
        assert_eq!((faces[0].name, faces[1].name), ("THSarabunNew", "THSarabunNew-Bold"));
        // Its size follows its own ก: this one is Sarabun, so 0.67.
        assert!(
            (faces[0].official - 0.386 / 0.576).abs() < 1e-3,
            "{}",
            faces[0].official
        );
        with_faces(Some(faces), || assert_eq!(face(Weight::Bold).name, "THSarabunNew-Bold"));
        assert_eq!(
            face(Weight::Bold).name,
            "Sarabun-Bold",
            "the thread's faces are restored"
        );
    }

    #[test]
    fn a_file_that_is_not_a_thai_font_or_has_no_bold_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let lone = dir.path().join("THSarabunPSK.ttf");
        std::fs::write(&lone, REGULAR_BYTES).unwrap();
        assert_eq!(load(&lone).err().unwrap().problem, FontProblem::NoBold);
        let junk = dir.path().join("Junk.ttf");
        std::fs::write(&junk, b"not a font").unwrap();
        std::fs::write(dir.path().join("Junk Bold.ttf"), b"not a font").unwrap();
        assert_eq!(load(&junk).err().unwrap().problem, FontProblem::NotTrueType);
        assert_eq!(
            load(&dir.path().join("gone.ttf")).err().unwrap().problem,
            FontProblem::Unreadable
        );
    }
}
