//! The reads of ITA rounds and results.

use sqlx::SqliteConnection;

use crate::error::{CoreError, Result};
use crate::ita::{Finding, ItaItem, ItaMeasure, Round, RoundItem, RoundSummary, Score, ScoreSet, Track, TrackStatus};
use crate::refusal::Refusal;

fn corrupt(what: &str, value: &str) -> CoreError {
    CoreError::Database(format!("unknown {what} {value:?}"))
}

pub(in crate::store) async fn rounds(conn: &mut SqliteConnection) -> Result<Vec<RoundSummary>> {
    let rows: Vec<(i32, i64, i64, i32, bool, bool)> = sqlx::query_as(
        "SELECT y.year_be, (SELECT count(*) FROM ita_item i WHERE i.year_id = y.id), \
         (SELECT count(*) FROM ita_track t WHERE t.year_id = y.id AND t.status = 'published' \
            AND t.code IN (SELECT code FROM ita_item i WHERE i.year_id = y.id)), \
         y.previous_year, EXISTS (SELECT 1 FROM ita_score_set s WHERE s.year_be = y.year_be - 1), \
         NOT EXISTS (SELECT 1 FROM ita_track t WHERE t.year_id = y.id \
            UNION ALL SELECT 1 FROM ita_finding f WHERE f.year_id = y.id \
            UNION ALL SELECT 1 FROM ita_measure m WHERE m.year_id = y.id) \
         FROM ita_year y ORDER BY y.year_be DESC",
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(year_be, items, published, previous, has_scores, removable)| RoundSummary {
                year_be,
                items: items as usize,
                published: published as usize,
                previous_year: (previous != 0).then_some(previous),
                has_scores,
                removable,
            },
        )
        .collect())
}

type ItemRow = (String, String, String, String, String, bool);
type TrackRow = (String, String, Option<chrono::NaiveDate>, String, String, String, i32);

pub(in crate::store) async fn round(conn: &mut SqliteConnection, year_be: i32) -> Result<Round> {
    let (id, source, previous): (i64, String, i32) =
        sqlx::query_as("SELECT id, source, previous_year FROM ita_year WHERE year_be = ?1")
            .bind(year_be)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or(Refusal::ItaRoundMissing { year_be })?;
    let previous_year = (previous != 0).then_some(previous);
    let earlier: Vec<(String, String)> = match previous_year {
        Some(p) => {
            sqlx::query_as(
                "SELECT i.code, i.title FROM ita_item i JOIN ita_year y ON y.id = i.year_id WHERE y.year_be = ?1",
            )
            .bind(p)
            .fetch_all(&mut *conn)
            .await?
        }
        None => Vec::new(),
    };
    let items: Vec<ItemRow> = sqlx::query_as(
        "SELECT code, title, contents, period, was, confirmed FROM ita_item WHERE year_id = ?1 ORDER BY position",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let tracks: Vec<TrackRow> = sqlx::query_as(
        "SELECT code, division, due, status, url, explanation, evidence_year FROM ita_track WHERE year_id = ?1",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::with_capacity(items.len());
    for (code, title, contents, period, was, confirmed) in items {
        let period = period.parse().map_err(|_| corrupt("period", &period))?;
        let track = match tracks.iter().find(|t| t.0 == code) {
            Some((_, division, due, status, url, explanation, evidence)) => Track {
                division: division.clone(),
                due: *due,
                status: status.parse::<TrackStatus>().map_err(|_| corrupt("status", status))?,
                url: url.clone(),
                explanation: explanation.clone(),
                evidence_year: (*evidence != 0).then_some(*evidence),
            },
            None => Track::default(),
        };
        let item = ItaItem {
            code,
            title,
            contents,
            period,
            was: was.split_whitespace().map(str::to_owned).collect(),
            confirmed,
        };
        let fiscal_year = item.period.fiscal_year(year_be);
        let was_titles = item
            .was
            .iter()
            .map(|w| {
                earlier
                    .iter()
                    .find(|(c, _)| c == w)
                    .map(|(_, t)| t.clone())
                    .unwrap_or_default()
            })
            .collect();
        out.push(RoundItem {
            wrong_year: track.evidence_year.is_some_and(|y| y != fiscal_year),
            fiscal_year,
            item,
            track,
            was_titles,
        });
    }
    let findings: Vec<(String, String)> =
        sqlx::query_as("SELECT indicator, issue FROM ita_finding WHERE year_id = ?1 ORDER BY indicator")
            .bind(id)
            .fetch_all(&mut *conn)
            .await?;
    let measures: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT title, owner, timeline, indicators FROM ita_measure WHERE year_id = ?1 ORDER BY position",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(Round {
        year_be,
        source,
        previous_year,
        items: out,
        findings: findings
            .into_iter()
            .map(|(indicator, issue)| Finding { indicator, issue })
            .collect(),
        measures: measures
            .into_iter()
            .map(|(title, owner, timeline, indicators)| ItaMeasure {
                title,
                owner,
                timeline,
                indicators: indicators.split_whitespace().map(str::to_owned).collect(),
            })
            .collect(),
    })
}

pub(in crate::store) async fn score_set(conn: &mut SqliteConnection, year_be: i32) -> Result<Option<ScoreSet>> {
    let Some((source, sample)): Option<(String, bool)> =
        sqlx::query_as("SELECT source, sample FROM ita_score_set WHERE year_be = ?1")
            .bind(year_be)
            .fetch_optional(&mut *conn)
            .await?
    else {
        return Ok(None);
    };
    let rows: Vec<(String, String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT instrument, indicator, name, score, previous FROM ita_score WHERE year_be = ?1 ORDER BY position",
    )
    .bind(year_be)
    .fetch_all(&mut *conn)
    .await?;
    let decimal = |s: &str| s.parse().map_err(|_| corrupt("score", s));
    let mut scores = Vec::with_capacity(rows.len());
    for (instrument, indicator, name, score, previous) in rows {
        scores.push(Score {
            instrument: instrument.parse().map_err(|_| corrupt("instrument", &instrument))?,
            indicator,
            name,
            score: decimal(&score)?,
            previous: previous.as_deref().map(decimal).transpose()?,
        });
    }
    Ok(Some(ScoreSet {
        year_be,
        source,
        sample,
        scores,
    }))
}

/// Every score set stored, oldest first: what `verify` compares.
pub(in crate::store) async fn all_score_years(conn: &mut SqliteConnection) -> Result<Vec<i32>> {
    Ok(sqlx::query_scalar("SELECT year_be FROM ita_score_set ORDER BY year_be")
        .fetch_all(&mut *conn)
        .await?)
}
