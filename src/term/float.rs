//! Floats the way Elixir 1.14 on OTP 25 prints them: `1.0`, `0.1`, `1.0e20`, `1.0e-5`.
//!
//! Elixir's `Inspect.Float` prints an integral float in `[1.0, 1.0e16)` as the integer plus
//! `.0` (`1000000000000000.0`); everything else goes through Erlang's
//! `io_lib_format:fwrite_g/1`, which takes the *shortest* digits that read back as the same
//! float and then picks plain or scientific notation, whichever is shorter (ties go plain),
//! with integral values of 2^53 or more always scientific. Rust's `{:e}` formatting yields the
//! same shortest digits, so only the layout rule is ported here. Checked against Elixir output
//! in `tests/vectors/etf.txt`.

/// Elixir's `inspect/1` text of `x`. (NaN and infinities do not exist on the BEAM; they print
/// as Rust does.)
pub(crate) fn format_float(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    if x == 0.0 {
        return if x.is_sign_negative() { "-0.0".into() } else { "0.0".into() };
    }
    let sign = if x < 0.0 { "-" } else { "" };
    let abs = x.abs();
    if (1.0..1.0e16).contains(&abs) && abs.fract() == 0.0 {
        return format!("{sign}{}.0", abs as u64);
    }
    format!("{sign}{}", fwrite_g(abs))
}

/// `io_lib_format:fwrite_g/1` for a positive finite float.
fn fwrite_g(abs: f64) -> String {
    // "{:e}" gives the shortest round-trip digits: "1.2345e6", "1e-5".
    let sci = format!("{abs:e}");
    let (mantissa, exp) = sci.split_once('e').expect("{:e} always has an exponent");
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let exp: i64 = exp.parse().expect("{:e} exponent is an integer");
    // The value is 0.DIGITS × 10^place: `place` digits stand before the decimal point.
    let place = exp + 1;
    let len = digits.len() as i64;
    if place == 0 {
        return format!("0.{digits}");
    }
    if place > 0 && place < len {
        let (int, frac) = digits.split_at(place as usize);
        return format!("{int}.{frac}");
    }
    let exp_text = (place - 1).to_string();
    let exp_cost = exp_text.len() as i64 + 1 + if len == 1 { 2 } else { 1 };
    if place < 0 {
        if 2 - place <= exp_cost {
            return format!("0.{}{digits}", "0".repeat((-place) as usize));
        }
    } else if place - len + 2 <= exp_cost && abs < 9_007_199_254_740_992.0 {
        return format!("{digits}{}.0", "0".repeat((place - len) as usize));
    }
    let (first, rest) = digits.split_at(1);
    let rest = if rest.is_empty() { "0" } else { rest };
    format!("{first}.{rest}e{exp_text}")
}

#[cfg(test)]
mod tests {
    use super::format_float;

    #[test]
    fn integral_floats_print_with_a_trailing_point_zero() {
        assert_eq!(format_float(1.0), "1.0");
        assert_eq!(format_float(-2.0), "-2.0");
        assert_eq!(format_float(1.0e15), "1000000000000000.0");
    }

    #[test]
    fn fractions_print_their_shortest_round_trip_digits() {
        assert_eq!(format_float(0.1), "0.1");
        assert_eq!(format_float(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(format_float(12345678.9), "12345678.9");
        assert_eq!(format_float(0.0001), "0.0001");
    }

    #[test]
    fn very_large_and_small_floats_use_scientific_notation() {
        assert_eq!(format_float(1.0e16), "1.0e16");
        assert_eq!(format_float(1.0e20), "1.0e20");
        assert_eq!(format_float(1.2e-4), "1.2e-4");
        assert_eq!(format_float(1.0e-5), "1.0e-5");
        assert_eq!(format_float(5.0e-324), "5.0e-324");
        assert_eq!(format_float(1.7976931348623157e308), "1.7976931348623157e308");
    }

    #[test]
    fn zero_keeps_its_sign() {
        assert_eq!(format_float(0.0), "0.0");
        assert_eq!(format_float(-0.0), "-0.0");
    }
}
