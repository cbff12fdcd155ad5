use rhai::{Engine, Scope};

const SCORING: &str = "points * 2";

fn score(points: i64, rule: String) -> i64 {
    let engine = Engine::new();
    let mut scope = Scope::new();
    scope.push("points", points);
    // the script is a constant; the request data only reaches it as a scope variable
    let a = engine.eval_with_scope::<i64>(&mut scope, SCORING).unwrap_or(0); // ok: rust-script-eval
    let b: i64 = engine.eval_with_scope(&mut scope, SCORING).unwrap_or(0); // ok: rust-script-eval
    let c = engine.eval::<i64>(&rule).unwrap_or(0); // expect: rust-script-eval
    a + b + c
}
