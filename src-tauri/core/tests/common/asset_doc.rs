//! An asset as the register tests write one.

use chrono::NaiveDate;
use prongsai_core::assets::{AssetDoc, AssetStatus};

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

pub fn asset(number: &str, name: &str, status: AssetStatus) -> AssetDoc {
    AssetDoc {
        number: number.into(),
        name: name.into(),
        category: "ครุภัณฑ์คอมพิวเตอร์".into(),
        brand: "Lenovo".into(),
        model: "ThinkPad".into(),
        serial: format!("SN-{number}"),
        acquired_on: d(2023, 1, 10),
        method: "เฉพาะเจาะจง".into(),
        price: "25900.00".parse().unwrap(),
        budget_year: Some(2566),
        funding: "งบประมาณแผ่นดิน".into(),
        location: "ห้องพัสดุ ชั้น 2".into(),
        division: "กลุ่มบริหารงานคลัง".into(),
        status,
        useful_life: 3,
        note: String::new(),
    }
}
