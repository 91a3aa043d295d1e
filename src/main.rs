//! The browser entry point: renders the Yew app. Natively it does nothing; the library and
//! its tests are what run off the browser.

fn main() {
    #[cfg(target_arch = "wasm32")]
    yew::Renderer::<otp_playground::ui::App>::new().render();
}
