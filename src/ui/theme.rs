//! The theme button: system setting, light or dark. The choice goes on `<html data-theme>`
//! (the stylesheet's colours are `light-dark()` pairs that follow `color-scheme`) and into
//! localStorage, where index.html reads it back before the first paint.

use yew::prelude::*;

use super::controls::icon;

const STORAGE_KEY: &str = "otp-playground.theme";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Theme {
    System,
    Light,
    Dark,
}

impl Theme {
    fn attribute(self) -> Option<&'static str> {
        match self {
            Theme::System => None,
            Theme::Light => Some("light"),
            Theme::Dark => Some("dark"),
        }
    }

    fn next(self) -> Theme {
        match self {
            Theme::System => Theme::Light,
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::System,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Theme::System => "Theme: system",
            Theme::Light => "Theme: light",
            Theme::Dark => "Theme: dark",
        }
    }
}

fn root() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.document_element()
}

/// The theme in force now (index.html may have applied a saved one).
fn current() -> Theme {
    match root().and_then(|el| el.get_attribute("data-theme")).as_deref() {
        Some("light") => Theme::Light,
        Some("dark") => Theme::Dark,
        _ => Theme::System,
    }
}

/// Applies and remembers `theme`. Storage may be refused (private mode, quota): the theme
/// then holds for this page only.
fn apply(theme: Theme) {
    if let Some(el) = root() {
        let _ = match theme.attribute() {
            Some(value) => el.set_attribute("data-theme", value),
            None => el.remove_attribute("data-theme"),
        };
    }
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = match theme.attribute() {
            Some(value) => storage.set_item(STORAGE_KEY, value),
            None => storage.remove_item(STORAGE_KEY),
        };
    }
}

#[component]
pub fn ThemeButton() -> Html {
    let theme = use_state(current);
    let onclick = {
        let theme = theme.clone();
        Callback::from(move |_: MouseEvent| {
            let next = theme.next();
            apply(next);
            theme.set(next);
        })
    };
    html! {
        <button type="button" id="btn-theme" class="small secondary theme-button" {onclick}
                title="Switch the colour theme: system setting, light, dark">
            { icon("M8 1.5a6.5 6.5 0 1 0 0 13zm0 1.6v9.8a4.9 4.9 0 0 1 0-9.8z") }{ theme.label() }
        </button>
    }
}
