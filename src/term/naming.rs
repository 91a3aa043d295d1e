//! Rust names to Elixir atom names: `AddEntry` → `add_entry`.
//!
//! Variant and unit-struct names are CamelCase in Rust and snake_case atoms in Elixir
//! (`:add_entry`, `:pop`). The deserializer maps back by converting each candidate variant
//! name and comparing, so no reverse conversion is needed (it would be ambiguous anyway).

/// `AddEntry` → `add_entry`, `HTTPServer` → `http_server`, `Put2` → `put2`; names that are
/// already snake_case (say, from `#[serde(rename = "...")]`) are unchanged.
pub(crate) fn snake_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if c.is_uppercase() {
            let prev = if i > 0 { Some(chars[i - 1]) } else { None };
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            let boundary = match prev {
                Some(p) if p.is_lowercase() || p.is_ascii_digit() => true,
                Some(p) if p.is_uppercase() => next_lower,
                _ => false,
            };
            if boundary {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::snake_case;

    #[test]
    fn camel_case_becomes_snake_case() {
        assert_eq!(snake_case("Pop"), "pop");
        assert_eq!(snake_case("AddEntry"), "add_entry");
        assert_eq!(snake_case("HTTPServer"), "http_server");
        assert_eq!(snake_case("GetV2"), "get_v2");
        assert_eq!(snake_case("Put2"), "put2");
    }

    #[test]
    fn snake_case_names_are_unchanged() {
        assert_eq!(snake_case("add_entry"), "add_entry");
        assert_eq!(snake_case("ok"), "ok");
    }
}
