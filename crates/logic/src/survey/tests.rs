use super::*;

fn map(text: &str) -> SurveyMap {
    toml::from_str(text).unwrap()
}

const MAP: &str = r#"
email = "Email Address"
[questions]
confidence = "How confident are you?"
clarity = "I have a clear plan."
[answers]
"Strongly disagree" = 1
Disagree = 2
Neutral = 3
Agree = 4
"Strongly  agree" = 5
[answers.confidence]
"Not at all confident" = 1
"Very confident" = 5
"#;

/// An export named `post.csv` with these rows under the survey's header.
fn table(rows: &[&[&str]]) -> Table {
    let line = |cells: &[&str]| {
        cells
            .iter()
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(",")
    };
    let mut text = line(&[
        "Timestamp",
        "Email Address",
        "How confident are you?",
        "I have a clear plan.",
    ]);
    for r in rows {
        text.push('\n');
        text.push_str(&line(r));
    }
    mentorkit_sheet::read(
        text.as_bytes(),
        "post.csv",
        &mentorkit_sheet::Options::default(),
    )
    .unwrap()
}

#[test]
fn words_and_numbers_become_the_scale() {
    let scales = map(MAP).scales().unwrap();
    assert_eq!(scales.value("clarity", " strongly AGREE "), Ok(Some(5)));
    assert_eq!(scales.value("confidence", "Very confident"), Ok(Some(5)));
    assert_eq!(
        scales.value("confidence", "Agree"),
        Ok(Some(4)),
        "common words apply too"
    );
    assert_eq!(
        scales.value("clarity", "Very confident"),
        Err("`Very confident` is not an answer the map knows".into())
    );
    assert_eq!(scales.value("clarity", "4"), Ok(Some(4)));
    assert_eq!(
        scales.value("clarity", "7"),
        Err("7 is outside the 1–5 scale".into())
    );
    assert_eq!(scales.value("clarity", "  "), Ok(None));
}

#[test]
fn a_bad_map_lists_every_problem() {
    let bad = map(
        "email = \"E\"\n[questions]\nconfidence = \"C\"\n\"my question\" = \"Q\"\n[answers]\nAgree = 6\n[answers.confidnce]\nYes = 5\n",
    );
    assert_eq!(
        bad.scales().unwrap_err(),
        [
            "[questions] `my question` cannot be a question key; use letters, digits, - and _",
            "[answers] \"Agree\" = 6 is outside the 1–5 scale",
            "[answers.confidnce] names no question of [questions]; did you mean `confidence`?",
        ]
    );
}

#[test]
fn columns_must_exist_in_the_export() {
    let m = map("email = \"Email\"\n[questions]\nclarity = \"I have a clear plan\"\n");
    assert_eq!(
        columns(&m, &table(&[])).unwrap_err(),
        [
            "email names the column \"Email\", which the export does not have; did you mean \"Email Address\"?",
            "[questions] clarity names the column \"I have a clear plan\", which the export does not have; did you mean \"I have a clear plan.\"?",
        ]
    );
}

#[test]
fn rows_by_email_the_later_one_counts() {
    let m = map(MAP);
    let scales = m.scales().unwrap();
    let t = table(&[
        &["1/12/2016", "Ana@X.org", "Not at all confident", "Disagree"],
        &["1/12/2016", "", "Agree", "Agree"],
        &["1/13/2016", "bo@x.org", "", "Maybe"],
        &["1/14/2016", "ana@x.org", "Agree", ""],
    ]);
    let (email, questions) = columns(&m, &t).unwrap();
    let rows = read_rows(&scales, &t, email, &questions);
    assert_eq!(rows.no_email, ["post.csv:3"]);
    assert_eq!(
        rows.replaced,
        [("Ana@X.org".to_string(), "post.csv:2".to_string(), 5)]
    );
    let ana = &rows.by_email["ana@x.org"];
    assert_eq!(
        ana.answers.iter().collect::<Vec<_>>(),
        [(&"confidence".to_string(), &4)]
    );
    assert_eq!(rows.problems.len(), 1);
    let p = &rows.problems[0];
    assert_eq!(
        (p.line, p.field.as_deref()),
        (Some(4), Some("I have a clear plan."))
    );
    assert_eq!(p.message, "clarity: `Maybe` is not an answer the map knows");
    assert_eq!(
        p.help.as_deref(),
        Some(
            "add it to [answers] in the map; it knows \"strongly disagree\" = 1, \"disagree\" = 2, \"neutral\" = 3, \"agree\" = 4, \"strongly agree\" = 5"
        )
    );
}
