//! The text of a new participant file: the fields in the order of the
//! specification's table, lists in flow style as people write them
//! (`degrees: [BA, MLS]`), strings spelled by the one YAML writer (`yaml`),
//! and a trailing newline.

use std::fmt::Write as _;

use crate::model::Participant;
use crate::yaml::{flow, scalar};

/// The YAML of a participant's fillable fields (the ones `apply` sets).
pub fn participant_yaml(p: &Participant) -> String {
    let mut out = String::new();
    let mut line = |key: &str, value: String| {
        let _ = writeln!(out, "{key}: {value}");
    };
    line("name", scalar(&p.name));
    line("email", scalar(&p.email));
    line("role", p.role.to_string());
    line("department", scalar(&p.department));
    for (key, v) in [("position", &p.position), ("branch", &p.branch)] {
        if let Some(v) = v {
            line(key, scalar(v));
        }
    }
    if let Some(d) = p.hired {
        line("hired", d.to_string());
    }
    if let Some(b) = p.manager {
        line("manager", b.to_string());
    }
    if !p.degrees.is_empty() {
        line("degrees", flow(&p.degrees));
    }
    if let Some(d) = p.applied {
        line("applied", d.to_string());
    }
    if !p.competencies.is_empty() {
        line("competencies", flow(&p.competencies));
    }
    if !p.availability.is_empty() {
        let slots: Vec<String> = p.availability.iter().map(|s| s.to_string()).collect();
        line("availability", flow(&slots));
    }
    if let Some(note) = &p.availability_note {
        line("availability_note", scalar(note));
    }
    if let Some(m) = p.modality {
        line("modality", m.to_string());
    }
    if let Some(c) = p.capacity {
        line("capacity", c.to_string());
    }
    for (key, v) in [
        ("career_goal", &p.career_goal),
        ("motivation", &p.motivation),
        ("mission_statement", &p.mission_statement),
    ] {
        if let Some(v) = v {
            line(key, scalar(v));
        }
    }
    if !p.skills.is_empty() {
        line("skills", flow(&p.skills));
    }
    if !p.prefers.is_empty() {
        line("prefers", flow(&p.prefers));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::values::Slot;

    #[test]
    fn new_file_round_trips_and_reads_well() {
        let p = Participant {
            name: "María González".into(),
            email: "maria@x.org".into(),
            department: "Circulation".into(),
            position: Some("Library Assistant II".into()),
            hired: "2011-03-14".parse().ok(),
            manager: Some(false),
            degrees: vec!["AA".into(), "B.A., hons".into()],
            applied: "2015-11-02".parse().ok(),
            availability: vec![Slot { day: 1, part: 1 }, Slot { day: 3, part: 0 }],
            motivation: Some("I know the desk.\n\nI do not know: how to move up.".into()),
            career_goal: Some("yes".into()),
            mission_statement: Some("\"Quoted\" # not a comment".into()),
            skills: vec![
                "Spanish".into(),
                "no".into(),
                "2nd-language tutoring".into(),
            ],
            ..Participant::default()
        };
        let text = participant_yaml(&p);
        assert_eq!(
            text,
            "name: María González
email: maria@x.org
role: mentee
department: Circulation
position: Library Assistant II
hired: 2011-03-14
manager: false
degrees: [AA, \"B.A., hons\"]
applied: 2015-11-02
availability: [tue-pm, thu-am]
career_goal: \"yes\"
motivation: |-
  I know the desk.

  I do not know: how to move up.
mission_statement: \"\\\"Quoted\\\" # not a comment\"
skills: [Spanish, \"no\", \"2nd-language tutoring\"]
"
        );
        let back = crate::parse_participant(std::path::Path::new("p.yaml"), &text).unwrap();
        assert_eq!(back, p);
    }
}
