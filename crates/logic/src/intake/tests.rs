use super::*;
use crate::model::Participant;

fn answers(pairs: &[(Field, &str)]) -> Answers {
    let mut a = Answers::default();
    for (f, raw) in pairs {
        if let Some(v) = read_value(*f, raw, DateOrder::Mdy, None).unwrap() {
            a.put(*f, v);
        }
    }
    a
}

#[test]
fn ids_come_from_names_then_emails() {
    let taken = |id: &str| ["ana-ruiz", "ana-ruiz-2"].contains(&id);
    assert_eq!(new_id("Ana Ruiz", "a@x.org", taken), "ana-ruiz-3");
    assert_eq!(new_id("Ána  Ruíz", "a@x.org", |_| false), "ana-ruiz");
    assert_eq!(new_id("???", "j.doe@x.org", |_| false), "j-doe");
    assert_eq!(new_id("", "", |_| false), "person");
}

#[test]
fn values_by_kind() {
    let read = |f, raw| read_value(f, raw, DateOrder::Mdy, None);
    assert_eq!(
        read(Field::Name, "  Ana   Ruiz "),
        Ok(Some(Value::Text("Ana Ruiz".into())))
    );
    assert_eq!(
        read(Field::Motivation, " Two\r\nlines "),
        Ok(Some(Value::Text("Two\nlines".into())))
    );
    assert_eq!(read(Field::Manager, "No"), Ok(Some(Value::Bool(false))));
    assert_eq!(
        read(Field::Modality, "In person"),
        Ok(Some(Value::Modality(Modality::InPerson)))
    );
    assert_eq!(
        read(Field::Modality, "Online"),
        Ok(Some(Value::Modality(Modality::Virtual)))
    );
    assert_eq!(
        read(Field::Role, "Mentor"),
        Ok(Some(Value::Role(Role::Mentor)))
    );
    assert_eq!(
        read(Field::Prefers, "Patricia Wells, samuel-lee"),
        Ok(Some(Value::List(vec![
            "patricia-wells".into(),
            "samuel-lee".into()
        ])))
    );
    assert_eq!(
        read(Field::Capacity, "0"),
        Err("`0` is not a whole number of at least 1".into())
    );
    assert_eq!(read(Field::Degrees, " , "), Ok(None));
    assert_eq!(read(Field::Hired, ""), Ok(None));
}

#[test]
fn a_new_person_needs_the_required_fields() {
    let a = answers(&[(Field::Name, "Ana Ruiz"), (Field::Hired, "9/15/2014")]);
    assert_eq!(
        a.new_participant(None, None).unwrap_err(),
        [Field::Email, Field::Role, Field::Department]
    );
    assert_eq!(
        a.new_participant(Some(Role::Mentee), None).unwrap_err(),
        [Field::Email, Field::Department]
    );
    let a = answers(&[
        (Field::Name, "Ana Ruiz"),
        (Field::Email, "ana@x.org"),
        (Field::Department, "Circulation"),
        (Field::Availability, "Tuesday afternoon"),
    ]);
    let p = a
        .new_participant(Some(Role::Mentee), "2015-11-02".parse().ok())
        .unwrap();
    assert_eq!(p.name, "Ana Ruiz");
    assert_eq!(p.applied, "2015-11-02".parse().ok());
    assert_eq!(p.availability[0].to_string(), "tue-pm");
}

#[test]
fn edits_change_what_differs_and_only_grow_lists() {
    let existing = Participant {
        name: "Ana Ruiz".into(),
        email: "Ana@X.org".into(),
        department: "Circulation".into(),
        competencies: vec!["Leadership".into(), "added by hand".into()],
        applied: "2015-11-02".parse().ok(),
        ..Participant::default()
    };
    let a = answers(&[
        (Field::Name, "Ana Ruiz"),
        (Field::Email, "ana@x.org"),
        (Field::Department, "Youth Services"),
        (Field::Competencies, "leadership, public speaking"),
        (Field::Applied, "11/5/2015"),
        (Field::Manager, "no"),
    ]);
    assert_eq!(
        a.edits(&existing),
        [
            Edit::Set(Field::Department, Value::Text("Youth Services".into())),
            Edit::Set(Field::Manager, Value::Bool(false)),
            Edit::Add(Field::Competencies, vec!["public speaking".into()]),
        ]
    );
    let earlier = answers(&[(Field::Applied, "11/1/2015")]);
    assert_eq!(
        earlier.edits(&existing),
        [Edit::Set(
            Field::Applied,
            Value::Date("2015-11-01".parse().unwrap())
        )]
    );
}
