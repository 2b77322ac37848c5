//! The report as the app shows it ([`Report`], with database ids and display
//! labels) and as it travels in files ([`ReportDoc`], no ids, versioned).
//! Text here is always in storage form: Arabic digits (see [`crate::thai`]).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use crate::thai::Digits;
pub use file::*;
pub use headings::*;

mod file;
mod headings;
pub mod settings;

strum_names!(Orientation, Urgency, Secrecy, ChannelKind);

pub use crate::status::YearStatus;

pub type Id = i64;

/// Page orientation of the printed report.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS, strum::IntoStaticStr, strum::EnumString,
)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[strum(serialize_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum Orientation {
    #[default]
    Landscape,
    Portrait,
}

/// Secrecy of an official document (ชั้นความลับ): ลับ / ลับมาก / ลับที่สุด.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS, strum::IntoStaticStr, strum::EnumString,
)]
#[strum(serialize_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum Secrecy {
    #[default]
    Normal,
    Confidential,
    Secret,
    TopSecret,
}

impl Secrecy {
    /// The mark printed on each page ("" for a document that is not secret).
    pub fn thai(self) -> &'static str {
        match self {
            Secrecy::Normal => "",
            Secrecy::Confidential => "ลับ",
            Secrecy::Secret => "ลับมาก",
            Secrecy::TopSecret => "ลับที่สุด",
        }
    }
}

/// Urgency of an official memo: ด่วน / ด่วนมาก / ด่วนที่สุด.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS, strum::IntoStaticStr, strum::EnumString,
)]
#[strum(serialize_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    #[default]
    Normal,
    Urgent,
    VeryUrgent,
    MostUrgent,
}

impl Urgency {
    /// The mark printed on a memo ("" for a normal one).
    pub fn thai(self) -> &'static str {
        match self {
            Urgency::Normal => "",
            Urgency::Urgent => "ด่วน",
            Urgency::VeryUrgent => "ด่วนมาก",
            Urgency::MostUrgent => "ด่วนที่สุด",
        }
    }
}

/// Evidence attached to a result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Evidence {
    /// A memo (บันทึกข้อความ / หนังสือเวียน) by number, e.g. "พณ 0701.08/ว24".
    Memo {
        number: String,
        date: NaiveDate,
        urgency: Urgency,
    },
    Url {
        url: String,
    },
    /// An image (an infographic); `data` is base64.
    Image {
        name: String,
        mime: String,
        data: String,
    },
}

// ---------------------------------------------------------------- the view

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Organization {
    pub id: Id,
    pub name_th: String,
    pub name_en: String,
    pub ministry: String,
    /// Prefix of document numbers, e.g. "พณ 0701".
    pub doc_prefix: String,
    /// The phone number a memo's ส่วนราชการ line gives, e.g. "0 2547 4621".
    pub phone: String,
    pub divisions: Vec<Division>,
    pub digits: Digits,
    pub orientation: Orientation,
    /// The emblem (ครุฑ) printed on memos, if one is set.
    pub emblem: Option<Emblem>,
    /// The TH Sarabun New / TH SarabunPSK file (its regular face; the bold
    /// is found beside it) documents are set in on this machine; empty for
    /// the Sarabun compiled into Prongsai.
    pub font_file: String,
    /// The domains of the organization's website ("ipthailand.go.th"): the
    /// URLs answered in ITAS must be on one of them or their subdomains.
    pub domains: Vec<String>,
    /// ช่องทางร้องเรียน, in the order the agency lists them.
    pub channels: Vec<Channel>,
}

/// What kind of complaint channel a [`Channel`] is.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS, strum::IntoStaticStr, strum::EnumString,
)]
#[strum(serialize_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum ChannelKind {
    #[default]
    Phone,
    Email,
    Web,
    Letter,
    InPerson,
}

impl ChannelKind {
    /// How the channel reads inside a sentence of the report.
    pub fn thai(self) -> &'static str {
        match self {
            ChannelKind::Phone => "โทรศัพท์",
            ChannelKind::Email => "ไปรษณีย์อิเล็กทรอนิกส์",
            ChannelKind::Web => "เว็บไซต์",
            ChannelKind::Letter => "หนังสือ/จดหมาย",
            ChannelKind::InPerson => "ด้วยตนเอง",
        }
    }
}

/// A complaint channel (ช่องทางร้องเรียน) of the organization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Channel {
    pub kind: ChannelKind,
    /// The number, address or place.
    pub value: String,
    /// The unit that answers it.
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub note: String,
}

impl Channel {
    /// The channel as a phrase to insert in a result: "โทรศัพท์ 0 2547 4621 (กองบริหารงานกลาง)".
    pub fn phrase(&self) -> String {
        let mut s = match self.kind {
            ChannelKind::InPerson => format!("ด้วยตนเองที่ {}", self.value),
            k => format!("{} {}", k.thai(), self.value),
        };
        if !self.unit.is_empty() {
            s.push_str(&format!(" ({})", self.unit));
        }
        if !self.note.is_empty() {
            s.push_str(&format!(" {}", self.note));
        }
        s
    }
}

/// An item of the NACC's OIT list for one fiscal year (e.g. O42).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct OitItem {
    pub code: String,
    #[serde(default)]
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Emblem {
    pub mime: String,
    /// base64
    pub data: String,
}

/// A memo (บันทึกข้อความ) as stored: what the circular says and who signs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Memo {
    pub id: Id,
    #[serde(flatten)]
    #[ts(flatten)]
    pub memo: MemoDoc,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct MemoDoc {
    /// "พณ 0701.08/ว24": the ว marks a circular.
    pub number: String,
    pub date: NaiveDate,
    #[serde(default)]
    pub urgency: Urgency,
    /// ชั้นความลับ, printed at the top and foot of every page.
    #[serde(default)]
    pub secrecy: Secrecy,
    /// ส่วนราชการ: the issuing unit and its phone.
    #[serde(default)]
    pub division: String,
    /// เรื่อง
    pub subject: String,
    /// เรียน
    #[serde(default)]
    pub recipient: String,
    /// Paragraphs, one per line.
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub signer_name: String,
    #[serde(default)]
    pub signer_position: String,
}

/// The next memo number of the series `like` names (`like` with its own
/// trailing digits dropped): after "พณ 0701.08/ว24", "พณ 0701.08/ว"
/// and "พณ 0701.08/ว3" both give "พณ 0701.08/ว25".
pub fn next_memo_number(numbers: &[String], like: &str) -> String {
    let like = crate::thai::to_storage(like.trim());
    let prefix = like.trim_end_matches(|c: char| c.is_ascii_digit()).to_owned();
    let next = numbers
        .iter()
        .map(|n| crate::thai::to_storage(n.trim()))
        .filter_map(|n| {
            n.strip_prefix(prefix.as_str())
                .and_then(|rest| rest.trim().parse::<u32>().ok())
        })
        .max()
        .map_or(1, |n| n + 1);
    format!("{prefix}{next}")
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Division {
    pub id: Id,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FiscalYear {
    pub id: Id,
    /// Named by its Buddhist Era end year: 2566 runs 1 Oct 2022 – 30 Sep 2023.
    pub year_be: i32,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub status: YearStatus,
    /// The embedded sample (ตัวอย่าง), not an agency's own year.
    pub sample: bool,
    /// The headings as printed: [`Headings::fill`] of `headings`.
    pub title: Vec<String>,
    pub heading: Vec<String>,
    pub part1_heading: String,
    pub part2_heading: String,
    /// The table's four column headings, as printed.
    pub columns: Vec<String>,
    /// The headings as the user typed them, placeholders and all.
    pub headings: Headings,
    pub signatures: Signatures,
    /// The OIT item the whole report answers ("" when untagged).
    pub oit_code: String,
    /// This year's OIT catalogue.
    pub oit_items: Vec<OitItem>,
    pub trail: StatusTrail,
}

/// The last step of a year's status: who approved it and when, where it
/// was published, why it was reopened. Every earlier step is in the history.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct StatusTrail {
    /// Who made the last status change (the approver for an approval).
    #[serde(default)]
    pub by: String,
    /// When (RFC 3339).
    #[serde(default)]
    pub at: String,
    #[serde(default)]
    pub published_url: String,
    /// Why the year was last reopened to draft.
    #[serde(default)]
    pub reopen_reason: String,
}

impl StatusTrail {
    pub fn is_empty(&self) -> bool {
        *self == StatusTrail::default()
    }
}

/// Who reports and who approves a year's report (OIT requires the head of
/// the agency's approval). Empty fields are left off the printed page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Signatures {
    #[serde(default)]
    pub reporter_name: String,
    #[serde(default)]
    pub reporter_position: String,
    #[serde(default)]
    pub approver_name: String,
    #[serde(default)]
    pub approver_position: String,
    #[serde(default)]
    pub approved_on: Option<NaiveDate>,
}

impl Signatures {
    pub fn is_empty(&self) -> bool {
        *self == Signatures::default()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct YearSummary {
    pub id: Id,
    pub year_be: i32,
    pub status: YearStatus,
    pub measures: i64,
    /// The embedded sample (ตัวอย่าง).
    pub sample: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Report {
    pub organization: Organization,
    pub year: FiscalYear,
    pub measures: Vec<Measure>,
    pub outcomes: Vec<Outcome>,
    /// Memos dated within the fiscal year.
    pub memos: Vec<Memo>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Measure {
    pub id: Id,
    pub title: String,
    pub remarks: String,
    /// The OIT item this measure answers ("" when untagged).
    pub oit_code: String,
    pub activities: Vec<Activity>,
    pub results: Vec<ResultItem>,
}

/// Numbered paragraph of a measure's activities. `label` ("1.", or "1)"
/// for a sub-item) follows from the order; it is never stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Activity {
    pub id: Id,
    pub level: u8,
    pub label: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ResultItem {
    pub id: Id,
    pub level: u8,
    pub label: String,
    pub text: String,
    pub evidence: Vec<EvidenceItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EvidenceItem {
    pub id: Id,
    pub evidence: Evidence,
    /// The stored memo a memo reference points at (same number and date).
    pub memo_id: Option<Id>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Outcome {
    pub id: Id,
    /// "2.1", "2.2", …: Part 2's outcomes.
    pub label: String,
    pub text: String,
}

/// Where a search hit is (see [`crate::store::Store::search`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "field", content = "id", rename_all = "snake_case")]
pub enum HitPlace {
    MeasureTitle(Id),
    Remarks(Id),
    Activity(Id),
    Result(Id),
    Outcome(Id),
    Evidence(Id),
    /// An asset of the register (year 0: the register has no year).
    Asset(Id),
    /// A loan, by its borrower or purpose.
    Loan(Id),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SearchHit {
    pub year_be: i32,
    /// The measure the hit is in (none for an outcome).
    pub measure_id: Option<Id>,
    pub place: HitPlace,
    /// The text around the match (storage digits).
    pub snippet: String,
    /// The asset an asset or loan hit opens.
    pub asset_number: Option<String>,
}

impl Report {
    /// The report as the reader sees it: every text and label with digits
    /// in the organization's chosen form (links keep theirs).
    pub fn for_display(mut self, digits: Digits) -> Report {
        if digits == Digits::Arabic {
            return self;
        }
        let d = |s: &mut String| *s = crate::thai::to_display(s, digits);
        self.year.title.iter_mut().for_each(d);
        self.year.heading.iter_mut().for_each(d);
        d(&mut self.year.part1_heading);
        d(&mut self.year.part2_heading);
        self.year.columns.iter_mut().for_each(d);
        let h = &mut self.year.headings;
        h.title
            .iter_mut()
            .chain(h.heading.iter_mut())
            .chain(h.columns.iter_mut())
            .for_each(d);
        d(&mut h.part1_heading);
        d(&mut h.part2_heading);
        let s = &mut self.year.signatures;
        for f in [
            &mut s.reporter_name,
            &mut s.reporter_position,
            &mut s.approver_name,
            &mut s.approver_position,
        ] {
            d(f);
        }
        for m in &mut self.measures {
            d(&mut m.title);
            d(&mut m.remarks);
            for a in &mut m.activities {
                d(&mut a.label);
                d(&mut a.text);
            }
            for r in &mut m.results {
                d(&mut r.label);
                d(&mut r.text);
                for e in &mut r.evidence {
                    if let Evidence::Memo { number, .. } = &mut e.evidence {
                        d(number);
                    }
                }
            }
        }
        for o in &mut self.outcomes {
            d(&mut o.label);
            d(&mut o.text);
        }
        for m in &mut self.memos {
            let m = &mut m.memo;
            for f in [
                &mut m.number,
                &mut m.division,
                &mut m.subject,
                &mut m.recipient,
                &mut m.body,
            ] {
                d(f);
            }
            for f in [&mut m.signer_name, &mut m.signer_position] {
                d(f);
            }
        }
        self
    }
}

/// Labels of an ordered list of paragraphs: top-level items are numbered
/// "1.", "2.", … when there is more than one of them (a lone paragraph
/// carries no number, as in the reference report); sub-items (level 1) are
/// numbered "1)", "2)", … from 1 under each top-level item.
pub fn item_labels(levels: &[u8]) -> Vec<String> {
    let top_count = levels.iter().filter(|&&l| l == 0).count();
    let (mut top, mut sub) = (0u32, 0u32);
    levels
        .iter()
        .map(|&level| {
            if level == 0 {
                top += 1;
                sub = 0;
                if top_count > 1 {
                    format!("{top}.")
                } else {
                    String::new()
                }
            } else {
                sub += 1;
                format!("{sub})")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_memo_takes_the_next_number_of_its_series() {
        let have = ["พณ 0701.08/ว24", "พณ 0701.08/ว๒๕", "พณ 0701.08/310", "พณ 0701.08/ว9"].map(String::from);
        assert_eq!(next_memo_number(&have, "พณ 0701.08/ว"), "พณ 0701.08/ว26");
        assert_eq!(next_memo_number(&have, "พณ 0701.08/"), "พณ 0701.08/311");
        assert_eq!(next_memo_number(&have, "พณ 0401/ว"), "พณ 0401/ว1");
        assert_eq!(next_memo_number(&have, "พณ 0701.08/ว๓"), "พณ 0701.08/ว26");
    }

    #[test]
    fn labels_follow_order_and_levels() {
        assert_eq!(item_labels(&[0, 0, 0]), ["1.", "2.", "3."]);
        assert_eq!(item_labels(&[0, 1, 1, 1, 0]), ["1.", "1)", "2)", "3)", "2."]);
        assert_eq!(item_labels(&[0]), [""]);
        assert_eq!(item_labels(&[0, 1, 0, 1]), ["1.", "1)", "2.", "1)"]);
        assert!(item_labels(&[]).is_empty());
    }
}
