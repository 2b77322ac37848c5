//! ITA rounds: their catalogues, the item tracker, the results imported,
//! the O25 findings and measures, and the organization's web domains. Each
//! change is checked here and returned with its inverse; none belongs to a
//! fiscal year (`year_be` 0).

use sqlx::SqliteConnection;

use crate::change::{Change, clean_line, clean_text};
use crate::error::Result;
use crate::ita::{Catalogue, ItaItem, ItaMeasure, Score, ScoreSet, Track, normalise_code};
use crate::refusal::{Refusal, Thing};

use super::effect::Done;

mod read;
pub(super) use read::{all_score_years, round, rounds, score_set};

fn done(change: Change, inverse: Change) -> Done {
    Done {
        change,
        year_be: 0,
        inverse: Some(inverse),
    }
}

async fn round_id(conn: &mut SqliteConnection, year_be: i32) -> Result<Option<i64>> {
    Ok(sqlx::query_scalar("SELECT id FROM ita_year WHERE year_be = ?1")
        .bind(year_be)
        .fetch_optional(&mut *conn)
        .await?)
}

async fn existing_round(conn: &mut SqliteConnection, year_be: i32) -> Result<i64> {
    round_id(conn, year_be)
        .await?
        .ok_or_else(|| Refusal::ItaRoundMissing { year_be }.into())
}

fn clean_code(text: &str) -> Result<String> {
    normalise_code(text).ok_or_else(|| {
        Refusal::NotAnOitCode {
            text: text.trim().into(),
        }
        .into()
    })
}

fn clean_catalogue(c: Catalogue) -> Result<Catalogue> {
    crate::thai::check_year_be(c.year_be)?;
    if let Some(p) = c.previous_year {
        crate::thai::check_year_be(p)?;
    }
    if c.items.is_empty() {
        return Err(Refusal::NoItems.into());
    }
    let mut items: Vec<ItaItem> = Vec::with_capacity(c.items.len());
    for i in c.items {
        let code = clean_code(&i.code)?;
        if items.iter().any(|x| x.code == code) {
            return Err(Refusal::OitListedTwice { code }.into());
        }
        let mut was = Vec::new();
        for w in &i.was {
            let w = clean_code(w)?;
            if !was.contains(&w) {
                was.push(w);
            }
        }
        items.push(ItaItem {
            code,
            title: clean_line("OIT item title", &i.title, true)?,
            contents: clean_text("contents", &i.contents, false)?,
            period: i.period,
            was,
            confirmed: i.confirmed,
        });
    }
    Ok(Catalogue {
        year_be: c.year_be,
        source: clean_text("source", &c.source, false)?,
        previous_year: c.previous_year,
        items,
    })
}

async fn write_items(conn: &mut SqliteConnection, round: i64, items: &[ItaItem]) -> Result<()> {
    sqlx::query("DELETE FROM ita_item WHERE year_id = ?1")
        .bind(round)
        .execute(&mut *conn)
        .await?;
    for (pos, i) in items.iter().enumerate() {
        sqlx::query(
            "INSERT INTO ita_item (year_id, position, code, title, contents, period, was, confirmed) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )
        .bind(round)
        .bind(pos as i64)
        .bind(&i.code)
        .bind(&i.title)
        .bind(&i.contents)
        .bind(i.period.as_str())
        .bind(i.was.join(" "))
        .bind(i.confirmed)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

pub(super) async fn set_catalogue(conn: &mut SqliteConnection, catalogue: Catalogue, replace: bool) -> Result<Done> {
    let c = clean_catalogue(catalogue)?;
    let year_be = c.year_be;
    // The crosswalk names items of the round it continues, when stored.
    if let Some(p) = c.previous_year
        && round_id(conn, p).await?.is_some()
    {
        let known: Vec<String> = read::round(conn, p)
            .await?
            .items
            .into_iter()
            .map(|i| i.item.code)
            .collect();
        if let Some(code) = c.items.iter().flat_map(|i| &i.was).find(|w| !known.contains(w)) {
            return Err(Refusal::NotInRound {
                code: code.clone(),
                year_be: p,
            }
            .into());
        }
    }
    let inverse = match round_id(conn, year_be).await? {
        Some(_) if !replace => return Err(Refusal::ItaRoundExists { year_be }.into()),
        Some(id) => {
            let old = round(conn, year_be).await?;
            if let Some(kept) = old
                .items
                .iter()
                .find(|i| !i.track.is_empty() && !c.items.iter().any(|n| n.code == i.item.code))
            {
                return Err(Refusal::ItaItemTracked {
                    code: kept.item.code.clone(),
                }
                .into());
            }
            sqlx::query("UPDATE ita_year SET source = ?2, previous_year = ?3 WHERE id = ?1")
                .bind(id)
                .bind(&c.source)
                .bind(c.previous_year.unwrap_or(0))
                .execute(&mut *conn)
                .await?;
            write_items(conn, id, &c.items).await?;
            Change::SetItaCatalogue {
                catalogue: old.catalogue(),
                replace: true,
            }
        }
        None => {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO ita_year (year_be, source, previous_year) VALUES (?1, ?2, ?3) RETURNING id",
            )
            .bind(year_be)
            .bind(&c.source)
            .bind(c.previous_year.unwrap_or(0))
            .fetch_one(&mut *conn)
            .await?;
            write_items(conn, id, &c.items).await?;
            Change::DeleteItaRound { year_be }
        }
    };
    Ok(done(Change::SetItaCatalogue { catalogue: c, replace }, inverse))
}

pub(super) async fn delete_round(conn: &mut SqliteConnection, year_be: i32) -> Result<Done> {
    let id = existing_round(conn, year_be).await?;
    let in_use: i64 = sqlx::query_scalar(
        "SELECT (SELECT count(*) FROM ita_track WHERE year_id = ?1) + (SELECT count(*) FROM ita_finding WHERE year_id = ?1) \
         + (SELECT count(*) FROM ita_measure WHERE year_id = ?1)",
    )
    .bind(id)
    .fetch_one(&mut *conn)
    .await?;
    if in_use > 0 {
        return Err(Refusal::ItaRoundInUse { year_be }.into());
    }
    let old = round(conn, year_be).await?.catalogue();
    sqlx::query("DELETE FROM ita_year WHERE id = ?1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(done(
        Change::DeleteItaRound { year_be },
        Change::SetItaCatalogue {
            catalogue: old,
            replace: false,
        },
    ))
}

fn clean_track(t: Track) -> Result<Track> {
    if let Some(d) = t.due {
        crate::thai::check_year_be(crate::thai::fiscal_year_of(d)).map_err(|_| Refusal::DateOutOfRange { date: d })?;
    }
    if let Some(y) = t.evidence_year {
        crate::thai::check_year_be(y)?;
    }
    Ok(Track {
        division: clean_line("division", &t.division, false)?,
        due: t.due,
        status: t.status,
        url: clean_line("URL", &t.url, false)?,
        explanation: clean_text("explanation", &t.explanation, false)?,
        evidence_year: t.evidence_year,
    })
}

pub(super) async fn set_track(conn: &mut SqliteConnection, year_be: i32, code: String, track: Track) -> Result<Done> {
    let id = existing_round(conn, year_be).await?;
    let code = clean_code(&code)?;
    let track = clean_track(track)?;
    let r = round(conn, year_be).await?;
    let old = r
        .items
        .iter()
        .find(|i| i.item.code == code)
        .map(|i| i.track.clone())
        .ok_or_else(|| Refusal::not_found(Thing::ItaItem, format!("ITA {year_be} {code}")))?;
    sqlx::query("DELETE FROM ita_track WHERE year_id = ?1 AND code = ?2")
        .bind(id)
        .bind(&code)
        .execute(&mut *conn)
        .await?;
    if !track.is_empty() {
        sqlx::query(
            "INSERT INTO ita_track (year_id, code, division, due, status, url, explanation, evidence_year) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )
        .bind(id)
        .bind(&code)
        .bind(&track.division)
        .bind(track.due)
        .bind(track.status.as_str())
        .bind(&track.url)
        .bind(&track.explanation)
        .bind(track.evidence_year.unwrap_or(0))
        .execute(&mut *conn)
        .await?;
    }
    Ok(done(
        Change::SetItaTrack {
            year_be,
            code: code.clone(),
            track,
        },
        Change::SetItaTrack {
            year_be,
            code,
            track: old,
        },
    ))
}

fn clean_scores(set: ScoreSet) -> Result<ScoreSet> {
    crate::thai::check_year_be(set.year_be)?;
    let mut scores: Vec<Score> = Vec::new();
    for s in set.scores {
        let indicator = clean_line("indicator", &crate::thai::to_storage(&s.indicator), true)?;
        if scores.iter().any(|x| x.indicator == indicator) {
            return Err(Refusal::IndicatorTwice { indicator }.into());
        }
        for v in std::iter::once(s.score).chain(s.previous) {
            crate::ita::scores::parse_score(&v.to_string())?;
        }
        scores.push(Score {
            indicator,
            name: clean_line("indicator name", &s.name, false)?,
            ..s
        });
    }
    if scores.is_empty() {
        return Err(Refusal::NoItems.into());
    }
    Ok(ScoreSet {
        year_be: set.year_be,
        source: clean_text("source", &set.source, false)?,
        sample: set.sample,
        scores,
    })
}

pub(super) async fn set_scores(conn: &mut SqliteConnection, year_be: i32, scores: Option<ScoreSet>) -> Result<Done> {
    crate::thai::check_year_be(year_be)?;
    let scores = scores.map(clean_scores).transpose()?;
    if let Some(s) = &scores
        && s.year_be != year_be
    {
        return Err(Refusal::ScoresOfAnotherYear {
            year_be,
            scores_year: s.year_be,
        }
        .into());
    }
    // The round that analyses this result may name its indicators: a new
    // result keeps them, or they could never be edited or undone again.
    if let Some(next) = round_id(conn, year_be + 1).await? {
        let named: Vec<(String, String)> = sqlx::query_as(
            "SELECT indicator, '' FROM ita_finding WHERE year_id = ?1 \
             UNION SELECT indicators, '' FROM ita_measure WHERE year_id = ?1",
        )
        .bind(next)
        .fetch_all(&mut *conn)
        .await?;
        let kept: Vec<&str> = scores
            .iter()
            .flat_map(|s| s.scores.iter().map(|x| x.indicator.as_str()))
            .collect();
        let mut lost: Vec<String> = Vec::new();
        for i in named.iter().flat_map(|(list, _)| list.split_whitespace()) {
            if !kept.contains(&i) && !lost.iter().any(|l| l == i) {
                lost.push(i.to_owned());
            }
        }
        if !lost.is_empty() {
            return Err(Refusal::IndicatorsInUse {
                indicators: lost,
                year_be,
            }
            .into());
        }
    }
    let old = score_set(conn, year_be).await?;
    sqlx::query("DELETE FROM ita_score_set WHERE year_be = ?1")
        .bind(year_be)
        .execute(&mut *conn)
        .await?;
    if let Some(set) = &scores {
        sqlx::query("INSERT INTO ita_score_set (year_be, source, sample) VALUES (?1, ?2, ?3)")
            .bind(year_be)
            .bind(&set.source)
            .bind(set.sample)
            .execute(&mut *conn)
            .await?;
        for (pos, s) in set.scores.iter().enumerate() {
            sqlx::query(
                "INSERT INTO ita_score (year_be, position, instrument, indicator, name, score, previous) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )
            .bind(year_be)
            .bind(pos as i64)
            .bind(s.instrument.as_str())
            .bind(&s.indicator)
            .bind(&s.name)
            .bind(s.score.to_string())
            .bind(s.previous.map(|p| p.to_string()))
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(done(
        Change::SetItaScores { year_be, scores },
        Change::SetItaScores { year_be, scores: old },
    ))
}

/// The indicators of the result a round analyses (the round before's).
async fn indicators_of(conn: &mut SqliteConnection, round_be: i32) -> Result<Vec<String>> {
    match score_set(conn, round_be - 1).await? {
        Some(s) => Ok(s.scores.into_iter().map(|s| s.indicator).collect()),
        None => Err(Refusal::NoScores { year_be: round_be - 1 }.into()),
    }
}

pub(super) async fn set_finding(
    conn: &mut SqliteConnection,
    year_be: i32,
    indicator: String,
    issue: String,
) -> Result<Done> {
    let id = existing_round(conn, year_be).await?;
    let indicator = crate::thai::to_storage(indicator.trim());
    let issue = clean_text("issue", &issue, false)?;
    // Removing a finding needs no result; writing one names an indicator of it.
    if !issue.is_empty() && !indicators_of(conn, year_be).await?.contains(&indicator) {
        return Err(Refusal::UnknownIndicator {
            indicator,
            year_be: year_be - 1,
        }
        .into());
    }
    let old: Option<String> = sqlx::query_scalar("SELECT issue FROM ita_finding WHERE year_id = ?1 AND indicator = ?2")
        .bind(id)
        .bind(&indicator)
        .fetch_optional(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM ita_finding WHERE year_id = ?1 AND indicator = ?2")
        .bind(id)
        .bind(&indicator)
        .execute(&mut *conn)
        .await?;
    if !issue.is_empty() {
        sqlx::query("INSERT INTO ita_finding (year_id, indicator, issue) VALUES (?1, ?2, ?3)")
            .bind(id)
            .bind(&indicator)
            .bind(&issue)
            .execute(&mut *conn)
            .await?;
    }
    Ok(done(
        Change::SetItaFinding {
            year_be,
            indicator: indicator.clone(),
            issue,
        },
        Change::SetItaFinding {
            year_be,
            indicator,
            issue: old.unwrap_or_default(),
        },
    ))
}

pub(super) async fn set_measures(conn: &mut SqliteConnection, year_be: i32, measures: Vec<ItaMeasure>) -> Result<Done> {
    let id = existing_round(conn, year_be).await?;
    let mut clean = Vec::with_capacity(measures.len());
    let known = if measures.iter().any(|m| !m.indicators.is_empty()) {
        indicators_of(conn, year_be).await?
    } else {
        Vec::new()
    };
    for m in measures {
        let mut indicators = Vec::new();
        for i in &m.indicators {
            let i = crate::thai::to_storage(i.trim());
            if !known.contains(&i) {
                return Err(Refusal::UnknownIndicator {
                    indicator: i,
                    year_be: year_be - 1,
                }
                .into());
            }
            if !indicators.contains(&i) {
                indicators.push(i);
            }
        }
        clean.push(ItaMeasure {
            title: clean_text("measure", &m.title, true)?,
            owner: clean_line("owner", &m.owner, false)?,
            timeline: clean_line("timeline", &m.timeline, false)?,
            indicators,
        });
    }
    let old = round(conn, year_be).await?.measures;
    sqlx::query("DELETE FROM ita_measure WHERE year_id = ?1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for (pos, m) in clean.iter().enumerate() {
        sqlx::query(
            "INSERT INTO ita_measure (year_id, position, title, owner, timeline, indicators) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )
        .bind(id)
        .bind(pos as i64)
        .bind(&m.title)
        .bind(&m.owner)
        .bind(&m.timeline)
        .bind(m.indicators.join(" "))
        .execute(&mut *conn)
        .await?;
    }
    Ok(done(
        Change::SetItaMeasures {
            year_be,
            measures: clean,
        },
        Change::SetItaMeasures { year_be, measures: old },
    ))
}

pub(super) async fn set_web_domains(conn: &mut SqliteConnection, domains: Vec<String>) -> Result<Done> {
    let mut clean: Vec<String> = Vec::new();
    for d in &domains {
        let n = crate::ita::links::normalise_domain(d).ok_or_else(|| Refusal::NotADomain { text: d.trim().into() })?;
        if !clean.contains(&n) {
            clean.push(n);
        }
    }
    let org = super::read::organization(conn).await?;
    sqlx::query("UPDATE organization SET web_domains = ?2 WHERE id = ?1")
        .bind(org.id)
        .bind(clean.join("\n"))
        .execute(&mut *conn)
        .await?;
    Ok(done(
        Change::SetWebDomains { domains: clean },
        Change::SetWebDomains { domains: org.domains },
    ))
}
