//! The page's listeners (`on`/`off`) and how they are told: each event's detail is a serde
//! type of [`crate::api`] converted by serde-wasm-bindgen, and each listener runs in a
//! microtask of its own after the timeline's code has returned, so it may call the
//! timeline's methods, and one that throws is reported as uncaught errors are while the
//! others still run.

use crate::api::EventName;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

/// Converts a boundary value to JavaScript: plain objects, `null` for `None`.
pub fn to_js<T: Serialize>(value: &T) -> JsValue {
    let s = serde_wasm_bindgen::Serializer::new().serialize_missing_as_null(true);
    value.serialize(&s).unwrap_or(JsValue::NULL)
}

/// The listeners of each event.
#[derive(Default)]
pub struct Events {
    select: Vec<js_sys::Function>,
    range: Vec<js_sys::Function>,
    filter: Vec<js_sys::Function>,
    load: Vec<js_sys::Function>,
}

impl Events {
    fn of(&mut self, name: EventName) -> &mut Vec<js_sys::Function> {
        match name {
            EventName::Select => &mut self.select,
            EventName::Rangechange => &mut self.range,
            EventName::Filterchange => &mut self.filter,
            EventName::Load => &mut self.load,
        }
    }

    /// Adds a listener (once: adding it again changes nothing).
    pub fn on(&mut self, name: EventName, f: js_sys::Function) {
        let s = self.of(name);
        if !s.iter().any(|g| g == &f) {
            s.push(f);
        }
    }

    /// Removes a listener.
    pub fn off(&mut self, name: EventName, f: &js_sys::Function) {
        self.of(name).retain(|g| g != f);
    }

    /// Tells the listeners of `name`, each in a microtask of its own.
    pub fn fire<T: Serialize>(&mut self, name: EventName, detail: &T) {
        if !self.of(name).is_empty() {
            self.fire_js(name, &to_js(detail));
        }
    }

    /// [`Events::fire`] with the detail already converted (`load` hands its listeners the
    /// very object `load()` returns).
    pub fn fire_js(&mut self, name: EventName, detail: &JsValue) {
        let Some(w) = web_sys::window() else { return };
        for f in self.of(name).iter() {
            let call: js_sys::Function = f.bind1(&JsValue::UNDEFINED, detail).unchecked_into();
            w.queue_microtask(&call);
        }
    }

    /// Forgets every listener (on destroy).
    pub fn clear(&mut self) {
        *self = Events::default();
    }
}
