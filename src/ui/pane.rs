//! A titled pane of the app's frame.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PaneProps {
    /// The pane's id, also used as a CSS grid area (`pane-<id>`).
    pub id: AttrValue,
    pub title: AttrValue,
    /// Buttons shown at the right of the title bar.
    #[prop_or_default]
    pub tools: Html,
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn Pane(props: &PaneProps) -> Html {
    let heading_id = format!("{}-heading", props.id);
    html! {
        <section id={props.id.clone()} class={classes!("pane", format!("pane-{}", props.id))}
                 aria-labelledby={heading_id.clone()}>
            <div class="pane-bar">
                <h2 id={heading_id} class="pane-title">{ props.title.clone() }</h2>
                <div class="pane-tools">{ props.tools.clone() }</div>
            </div>
            <div class="pane-body">{ props.children.clone() }</div>
        </section>
    }
}
