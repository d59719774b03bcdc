//! Numeric helpers shared by the core's modules (below all of them, so none depends on
//! another for them).

/// `v` limited to `lo..=hi` (`lo` wins if they cross). Unlike `f64::clamp` it never
/// panics, which also keeps the float formatter of clamp's panic message out of the build.
pub fn within(v: f64, lo: f64, hi: f64) -> f64 {
    v.min(hi).max(lo)
}

#[cfg(test)]
mod tests {
    #[test]
    fn within_limits_and_never_panics() {
        assert_eq!(super::within(5.0, 0.0, 3.0), 3.0);
        assert_eq!(super::within(-1.0, 0.0, 3.0), 0.0);
        assert_eq!(super::within(2.0, 3.0, 0.0), 3.0, "lo wins when they cross");
        assert_eq!(
            super::within(f64::NAN, 0.0, 3.0),
            3.0,
            "NaN becomes a number"
        );
    }
}
