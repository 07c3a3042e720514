//! Quantities as a reader expects to see them: 2,400亿元, 超1万亿元, 570万平方米.

use super::{Qualifier, Quantity};

/// Units that take a 万/亿 prefix: Chinese measure words and metric units written
/// in Chinese. Percentages, units already scaled and Latin units do not.
fn scalable(unit: &str) -> bool {
    !(unit.is_empty()
        || unit.starts_with(['万', '亿', '%', '‰', '倍'])
        || unit.chars().next().is_some_and(|c| c.is_ascii()))
}

fn is_money(unit: &str) -> bool {
    unit.ends_with('元')
}

/// The divisor and unit label a reader expects for values up to `max` in `unit`:
/// 亿元 for money from 1e8, 万 for anything from 1e4 (万平方米, 万人), else as is.
/// Used for axes, where one unit serves every tick.
pub fn display_scale(max: f64, unit: &str) -> (f64, String) {
    if !scalable(unit) || !max.is_finite() {
        return (1.0, unit.to_string());
    }
    let max = max.abs();
    if max >= 1e8 {
        (1e8, format!("亿{unit}"))
    } else if max >= 1e4 {
        (1e4, format!("万{unit}"))
    } else {
        (1.0, unit.to_string())
    }
}

/// A value in the unit a reader expects: 2.4e11 元 → "2,400亿元", 1e12 元 → "1万亿元",
/// 5.7e6 平方米 → "570万平方米", 12000 亩 → "1.2万亩", 26 家 → "26家", 12.5 % → "12.5%".
pub fn format_quantity(value: f64, unit: &str) -> String {
    if !value.is_finite() {
        return format!("?{unit}");
    }
    if !scalable(unit) {
        return format!("{}{unit}", format_number(value));
    }
    let a = value.abs();
    let (div, prefix) = if is_money(unit) && a >= 1e12 {
        (1e12, "万亿")
    } else if a >= 1e8 {
        (1e8, "亿")
    } else if a >= 1e4 {
        (1e4, "万")
    } else {
        (1.0, "")
    };
    format!("{}{prefix}{unit}", format_number(value / div))
}

/// [`format_quantity`] with the qualifier the article stated, so that a goal of
/// "超万亿元" is not shown as exactly 1万亿元: "超1万亿元", "至少10家", "约500万平方米".
pub fn format_qualified(q: &Quantity) -> String {
    let prefix = match q.qualifier {
        Qualifier::Exact => "",
        Qualifier::Over => "超",
        Qualifier::AtLeast => "至少",
        Qualifier::About => "约",
        Qualifier::AtMost => "至多",
    };
    format!("{prefix}{}", format_quantity(q.value, &q.unit))
}

/// Thousands separators and at most two decimals, trailing zeros dropped:
/// 2400 → "2,400", 1.25 → "1.25", 0.5 → "0.5", 3.0 → "3".
pub fn format_number(v: f64) -> String {
    if !v.is_finite() {
        return "?".to_string();
    }
    let rounded = (v * 100.0).round() / 100.0;
    let neg = rounded < 0.0;
    let s = format!("{:.2}", rounded.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let frac = frac.trim_end_matches('0');
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    out.push_str(&grouped);
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_read_as_a_reader_expects() {
        assert_eq!(format_quantity(2.4e11, "元"), "2,400亿元");
        assert_eq!(format_quantity(1e12, "元"), "1万亿元");
        assert_eq!(format_quantity(5.7e6, "平方米"), "570万平方米");
        assert_eq!(format_quantity(12000.0, "亩"), "1.2万亩");
        assert_eq!(format_quantity(26.0, "家"), "26家");
        assert_eq!(format_quantity(12.5, "%"), "12.5%");
        assert_eq!(format_quantity(3.0e9, "美元"), "30亿美元");
        assert_eq!(format_quantity(42.0, "平方公里"), "42平方公里");
        assert_eq!(format_quantity(f64::NAN, "元"), "?元");
        assert_eq!(format_number(-1234567.891), "-1,234,567.89");
        assert_eq!(format_number(0.0), "0");
        let q = |value: f64, unit: &str, qualifier| Quantity {
            value,
            unit: unit.to_string(),
            text: String::new(),
            qualifier,
            value_max: None,
        };
        assert_eq!(
            format_qualified(&q(1e12, "元", Qualifier::Over)),
            "超1万亿元"
        );
        assert_eq!(
            format_qualified(&q(5e6, "平方米", Qualifier::About)),
            "约500万平方米"
        );
        assert_eq!(
            format_qualified(&q(10.0, "家", Qualifier::AtLeast)),
            "至少10家"
        );
    }

    #[test]
    fn display_scale_picks_one_unit_per_axis() {
        assert_eq!(display_scale(1e12, "元"), (1e8, "亿元".to_string()));
        assert_eq!(display_scale(5e6, "平方米"), (1e4, "万平方米".to_string()));
        assert_eq!(display_scale(30.0, "家"), (1.0, "家".to_string()));
        assert_eq!(display_scale(5e6, "%"), (1.0, "%".to_string()));
    }
}
