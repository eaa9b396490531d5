//! A small derivative-free optimiser: the Nelder–Mead simplex method
//! (Nelder & Mead 1965, "A simplex method for function minimization", The
//! Computer Journal 7:308–313) with the standard coefficients (reflection 1,
//! expansion 2, contraction 1/2, shrink 1/2), as Lagarias et al. (1998,
//! SIAM J. Optim. 9:112–147) state it. The curve models maximise their
//! likelihood with it over unconstrained (log or logit) parameters. Pure
//! arithmetic in a fixed order: the same bits natively and in wasm.
//!
//! ```
//! use market_validation::retention::optimise::minimise;
//! // (x - 1)^2 + (y + 2)^2, from the origin.
//! let m = minimise(&|p: &[f64]| (p[0] - 1.0).powi(2) + (p[1] + 2.0).powi(2), &[0.0, 0.0], 0.5, 2000);
//! assert!((m.point[0] - 1.0).abs() < 1e-6 && (m.point[1] + 2.0).abs() < 1e-6);
//! ```

/// Where the search stopped.
#[derive(Debug, Clone, PartialEq)]
pub struct Minimum {
    /// The best point found.
    pub point: Vec<f64>,
    /// The function's value there.
    pub value: f64,
    /// Function evaluations made.
    pub evaluations: usize,
    /// True when the simplex shrank below the tolerance before the
    /// evaluation budget ran out.
    pub converged: bool,
}

/// Minimises `f` from `start`, the first simplex stepping `step` along each
/// axis, within `budget` evaluations. A non-finite value counts as +infinity,
/// so `f` may refuse a point by returning NaN or infinity.
pub fn minimise(f: &dyn Fn(&[f64]) -> f64, start: &[f64], step: f64, budget: usize) -> Minimum {
    minimise_to(f, start, step, budget, 1e-10)
}

/// [`minimise`] stopping once the simplex is within `tolerance` along every
/// axis and its values agree to 1e-9 relative, or its values agree to
/// 1e-14 relative wherever it is (a flat ridge), or the budget runs out.
pub fn minimise_to(
    f: &dyn Fn(&[f64]) -> f64,
    start: &[f64],
    step: f64,
    budget: usize,
    tolerance: f64,
) -> Minimum {
    let n = start.len();
    let eval = |p: &[f64]| {
        let v = f(p);
        if v.is_finite() {
            v
        } else {
            f64::INFINITY
        }
    };
    let mut simplex: Vec<(Vec<f64>, f64)> = Vec::with_capacity(n + 1);
    simplex.push((start.to_vec(), eval(start)));
    for i in 0..n {
        let mut p = start.to_vec();
        p[i] += step;
        let v = eval(&p);
        simplex.push((p, v));
    }
    let mut evaluations = n + 1;
    let mut converged = false;
    while evaluations < budget {
        simplex.sort_by(|a, b| a.1.total_cmp(&b.1));
        let (best, worst) = (simplex[0].1, simplex[n].1);
        let spread = simplex
            .iter()
            .flat_map(|(p, _)| p.iter().zip(&simplex[0].0).map(|(a, b)| (a - b).abs()))
            .fold(0.0, f64::max);
        let flat = (worst - best).abs();
        // Converged, or on a ridge so flat that no move can tell the points apart.
        if (spread < tolerance && flat <= 1e-9 * (1.0 + best.abs()))
            || flat <= 1e-14 * (1.0 + best.abs())
        {
            converged = true;
            break;
        }
        let centroid: Vec<f64> = (0..n)
            .map(|j| simplex[..n].iter().map(|(p, _)| p[j]).sum::<f64>() / n as f64)
            .collect();
        let toward = |t: f64| -> Vec<f64> {
            centroid
                .iter()
                .zip(&simplex[n].0)
                .map(|(c, w)| c + t * (w - c))
                .collect()
        };
        let reflected = toward(-1.0);
        let fr = eval(&reflected);
        evaluations += 1;
        if fr < best {
            let expanded = toward(-2.0);
            let fe = eval(&expanded);
            evaluations += 1;
            simplex[n] = if fe < fr {
                (expanded, fe)
            } else {
                (reflected, fr)
            };
            continue;
        }
        if fr < simplex[n - 1].1 {
            simplex[n] = (reflected, fr);
            continue;
        }
        // Contract outside (towards the reflected point) or inside.
        let (t, against) = if fr < worst { (-0.5, fr) } else { (0.5, worst) };
        let contracted = toward(t);
        let fc = eval(&contracted);
        evaluations += 1;
        if fc <= against {
            simplex[n] = (contracted, fc);
            continue;
        }
        let first = simplex[0].0.clone();
        for vertex in simplex.iter_mut().skip(1) {
            let p: Vec<f64> = first
                .iter()
                .zip(&vertex.0)
                .map(|(b, x)| b + 0.5 * (x - b))
                .collect();
            *vertex = (p.clone(), eval(&p));
        }
        evaluations += n;
    }
    simplex.sort_by(|a, b| a.1.total_cmp(&b.1));
    let (point, value) = simplex.swap_remove(0);
    Minimum {
        point,
        value,
        evaluations,
        converged,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_rosenbrock_minimum() {
        // Rosenbrock's valley: minimum 0 at (1, 1), a classic hard case.
        let f = |p: &[f64]| 100.0 * (p[1] - p[0] * p[0]).powi(2) + (1.0 - p[0]).powi(2);
        let m = minimise(&f, &[-1.2, 1.0], 0.5, 5000);
        assert!(m.converged);
        assert!((m.point[0] - 1.0).abs() < 1e-5 && (m.point[1] - 1.0).abs() < 1e-5);
    }

    #[test]
    fn refused_points_are_avoided_and_the_budget_holds() {
        // NaN left of 0: the search stays right of it; minimum at 2.
        let f = |p: &[f64]| {
            if p[0] < 0.0 {
                f64::NAN
            } else {
                (p[0] - 2.0).powi(2)
            }
        };
        let m = minimise(&f, &[0.5], 1.0, 500);
        assert!((m.point[0] - 2.0).abs() < 1e-6);
        let short = minimise(&f, &[0.5], 1.0, 5);
        assert!(!short.converged && short.evaluations <= 7);
    }
}
