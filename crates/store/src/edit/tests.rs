//! The in-place edits, case by case.

use super::*;

fn edit(text: &str, f: impl FnOnce(&YamlDoc)) -> String {
    let doc = YamlDoc::parse(Path::new("x.yaml"), text).unwrap();
    f(&doc);
    doc.finish().0
}

#[test]
fn set_keeps_comments_and_order() {
    let text = "# Ana's record\nname: Ana  # preferred name\nemail: a@x.org\n\n# goals below\ndeliverables:\n  resume: draft  # due May\n  career-plan: not-started\n";
    let out = edit(text, |d| {
        d.set_scalar(&["deliverables"], "resume", Scalar::Str("done"))
            .unwrap()
    });
    assert_eq!(out, text.replace("resume: draft", "resume: done"));
}

#[test]
fn nested_mapping_is_created() {
    let out = edit("name: Ana\nemail: a@x.org\n", |d| {
        d.set_scalar(&["outcome"], "completed", Scalar::Bool(true))
            .unwrap()
    });
    assert_eq!(
        out,
        "name: Ana\nemail: a@x.org\noutcome:\n  completed: true\n"
    );
}

#[test]
fn lists_grow_once_and_keep_style() {
    let text = "title: T\nattendance:\n  - ana  # late\n  - bo\nnotes: x\n";
    let out = edit(text, |d| {
        assert!(d.add_to_list("attendance", "cy").unwrap());
        assert!(!d.add_to_list("attendance", "ana").unwrap());
    });
    assert_eq!(
        out,
        "title: T\nattendance:\n  - ana  # late\n  - bo\n  - cy\nnotes: x\n"
    );
    let out = edit("title: T\nattendance: [ana]\n", |d| {
        d.add_to_list("attendance", "bo").unwrap();
    });
    assert_eq!(out, "title: T\nattendance: [ana, bo]\n");
    let out = edit("title: T\n", |d| {
        d.add_to_list("attendance", "bo").unwrap();
    });
    assert_eq!(out, "title: T\nattendance:\n- bo\n");
}

#[test]
fn list_items_and_flow_maps_are_edited_in_place() {
    let text = "name: Ana\nsmart_goals:\n  - goal: Lead a training  # first\n    status: in-progress\n  - goal: Apply\n    target: 2016-12-31\nsurveys:\n  pre: {confidence: 2, clarity: 1}\n";
    let out = edit(text, |d| {
        d.set_in_item("smart_goals", 0, "status", Scalar::Str("done"))
            .unwrap();
        d.set_in_item("smart_goals", 1, "status", Scalar::Str("dropped"))
            .unwrap();
        d.set_in_item("smart_goals", 1, "target", Scalar::Raw("2017-01-31"))
            .unwrap();
        d.set_scalar(&["surveys", "pre"], "clarity", Scalar::Int(3))
            .unwrap();
        d.set_scalar(&["surveys", "pre"], "joy", Scalar::Int(4))
            .unwrap();
        d.set_scalar(&["surveys", "post"], "clarity", Scalar::Int(5))
            .unwrap();
        assert!(
            d.set_in_item("smart_goals", 2, "status", Scalar::Str("done"))
                .is_err()
        );
    });
    assert_eq!(
        out,
        "name: Ana\nsmart_goals:\n  - goal: Lead a training  # first\n    status: done\n  - goal: Apply\n    target: 2017-01-31\n    status: dropped\nsurveys:\n  pre: {confidence: 2, clarity: 3, joy: 4}\n  post:\n    clarity: 5\n"
    );
}

#[test]
fn strings_that_need_quotes_are_quoted() {
    let out = edit("name: Ana\n", |d| {
        d.set_scalar(&[], "notes", Scalar::Str("yes: # really"))
            .unwrap()
    });
    let back: std::collections::BTreeMap<String, String> = serde_saphyr::from_str(&out).unwrap();
    assert_eq!(back["notes"], "yes: # really");
}

#[test]
fn new_keys_go_before_a_closing_comment() {
    let text = "name: Sam\ndeliverables:\n  resume: draft\n# Reviewed by HR.\n";
    let out = edit(text, |d| {
        d.set_scalar(&["outcome"], "new_position", Scalar::Str("Director"))
            .unwrap();
        d.add_to_list("excused", "sam").unwrap();
        d.set_scalar(&[], "time", Scalar::Quoted("14:00")).unwrap();
    });
    assert_eq!(
        out,
        "name: Sam\ndeliverables:\n  resume: draft\noutcome:\n  new_position: Director\nexcused:\n- sam\ntime: \"14:00\"\n# Reviewed by HR.\n"
    );
}

#[test]
fn a_repeated_anchor_is_refused_where_it_is() {
    let text = "name: Ana\ndeliverables:\n  resume: &st done\n  plan: *st\n  mission: &lone done\n";
    let d = YamlDoc::parse(Path::new("x.yaml"), text).unwrap();
    let e = d
        .set_scalar(&["deliverables"], "resume", Scalar::Str("draft"))
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "error: x.yaml:3:11: `deliverables.resume` is the YAML anchor `&st`, repeated elsewhere in the file by `*st`; changing it here would change those too\n 3 |   resume: &st done\n   |           ^\n  = help: write the value out in full in each place, then run the command again"
    );
    // An anchor nobody repeats, and the alias itself, change one value each.
    d.set_scalar(&["deliverables"], "mission", Scalar::Str("draft"))
        .unwrap();
    d.set_scalar(&["deliverables"], "plan", Scalar::Str("draft"))
        .unwrap();
    let held = "goals:\n  - &g\n    goal: Lead\n    status: done\n  - *g\n";
    let d = YamlDoc::parse(Path::new("x.yaml"), held).unwrap();
    let e = d
        .set_in_item("goals", 0, "status", Scalar::Str("dropped"))
        .unwrap_err();
    assert!(
        e.to_string()
            .contains("`goals.1.status` is inside the YAML anchor `&g`"),
        "{e}"
    );
    let list = "attendance: &a [ana]\nabsent: *a\n";
    let d = YamlDoc::parse(Path::new("x.yaml"), list).unwrap();
    assert!(d.add_to_list("attendance", "bo").is_err());
}

#[test]
fn many_items_spliced_read_as_one_at_a_time() {
    let text = "title: T\nattendance:\n  - ana  # late\n  - bo\nnotes: x\n";
    let items: Vec<String> = ["cy", "ana", "dee", "cy", "2016", "eve"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let one_by_one = edit(text, |d| {
        for it in &items {
            d.add_to_list("attendance", it).unwrap();
        }
    });
    let at_once = edit(text, |d| {
        assert_eq!(d.add_all_to_list("attendance", &items).unwrap(), 4);
    });
    assert_eq!(at_once, one_by_one);
    let plain: Vec<String> = ["cy", "dee", "eve"].iter().map(|s| s.to_string()).collect();
    let spliced = edit(text, |d| {
        assert_eq!(d.add_all_to_list("attendance", &plain).unwrap(), 3);
    });
    assert_eq!(
        spliced,
        "title: T\nattendance:\n  - ana  # late\n  - bo\n  - cy\n  - dee\n  - eve\nnotes: x\n"
    );
    let removed = edit(&spliced, |d| {
        let gone: Vec<String> = ["ana", "dee", "zed"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(d.remove_all_from_list("attendance", &gone).unwrap(), 2);
    });
    assert_eq!(
        removed,
        "title: T\nattendance:\n  - bo\n  - cy\n  - eve\nnotes: x\n"
    );
    let emptied = edit("title: T\nabsent:\n  - a\n  - b\nnotes: x\n", |d| {
        let gone: Vec<String> = vec!["a".into(), "b".into()];
        assert_eq!(d.remove_all_from_list("absent", &gone).unwrap(), 2);
    });
    assert_eq!(emptied, "title: T\nnotes: x\n");
}

#[test]
fn one_value_stands_for_a_list_of_one() {
    let text = "title: T\nexcused: maria  # said so\nnotes: x\n";
    let d = YamlDoc::parse(Path::new("x.yaml"), text).unwrap();
    assert_eq!(d.list("excused"), ["maria"]);
    assert!(!d.add_to_list("excused", "maria").unwrap());
    assert!(d.add_to_list("excused", "pat").unwrap());
    assert_eq!(
        d.finish().0,
        "title: T\nexcused: [maria, pat]  # said so\nnotes: x\n"
    );
    let out = edit(text, |d| {
        assert!(d.remove_from_list("excused", "maria").unwrap());
    });
    assert_eq!(out, "title: T\nnotes: x\n");
    let d = YamlDoc::parse(Path::new("x.yaml"), "title: T\nexcused:\n  a: 1\n").unwrap();
    let e = d.add_to_list("excused", "pat").unwrap_err();
    assert!(
        e.to_string()
            .starts_with("error: x.yaml:3:3: `excused` is not a list"),
        "{e}"
    );
}

#[test]
fn long_lists_change_in_one_pass() {
    let mut text = String::from("title: T\nattendance:\n");
    for i in 0..5_000 {
        text.push_str(&format!("  - p-{i}\n"));
    }
    text.push_str("notes: x\n");
    let ids: Vec<String> = (0..5_000).map(|i| format!("p-{i}")).collect();
    let started = std::time::Instant::now();
    let out = edit(&text, |d| {
        assert_eq!(d.remove_all_from_list("attendance", &ids).unwrap(), 5_000);
        assert_eq!(d.add_all_to_list("absent", &ids).unwrap(), 5_000);
        assert_eq!(
            d.remove_all_from_list("absent", &ids[..4_000]).unwrap(),
            4_000
        );
    });
    assert!(!out.contains("attendance"), "{}", &out[..200]);
    assert_eq!(out.matches("- p-").count(), 1_000);
    // One tree edit per id would take minutes here, even in a debug build.
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
}
