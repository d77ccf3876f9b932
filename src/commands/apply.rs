//! `mentorkit apply`: one applicant or mentor from flags (asking at a
//! terminal for what is missing), or a whole Forms export with
//! `--from FILE --map MAP.toml` (see `apply/import.rs`).

mod import;

use crate::output::say;
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use chrono::NaiveDate;

use super::Ctx;
use crate::cli::ApplyArgs;
use crate::error::{Error, Result};
use crate::intake::{Answers, DateOrder, Field, Kind, Value, new_id, read_value};
use crate::model::Participant;
use crate::model::values::fold;
use crate::store::participant_yaml;
use crate::store::{Access, Folder, PARTICIPANTS_DIR, parse_participant, write_atomic};

/// Runs the command.
pub fn run(ctx: &Ctx, args: ApplyArgs) -> Result<()> {
    if let Some(export) = &args.from {
        return import::run(ctx, &args, export);
    }
    let mut answers = flag_answers(&args)?;
    let root = ctx.root()?;
    let missing = answers.missing(None);
    if !missing.is_empty() {
        if args.no_input || !std::io::stdin().is_terminal() {
            return Err(Error::Usage(missing_message(&missing)));
        }
        // Departments already in the folder, as examples; the folder is
        // loaded again under the lock before anything is written.
        let departments = crate::store::load(&root)
            .map(|f| departments(&f))
            .unwrap_or_default();
        let stdin = std::io::stdin();
        ask(
            &mut answers,
            &missing,
            &departments,
            &mut stdin.lock(),
            &mut std::io::stderr(),
        )?;
    }
    let (folder, _guard) = crate::commands::open(
        &root,
        Access::Write {
            dry_run: args.dry_run,
        },
    )?
    .into_parts();
    let (id, text) = new_person(&folder, &answers, ctx.today(&folder.program))?;
    let rel = PathBuf::from(PARTICIPANTS_DIR).join(format!("{id}.yaml"));
    if args.dry_run {
        crate::output::print_out(&text)?;
        say!(
            "{}",
            crate::error::dry_run(&format!("add {id} as {}", rel.display()))
        );
        return Ok(());
    }
    crate::store::record_fits(&rel, &text)?;
    write_atomic(&folder.participant_path(&id), text.as_bytes())?;
    say!("added {id}: {}", rel.display());
    crate::output::print_out(&format!("{id}\n"))
}

/// The answers given as flags; a value that cannot be read is wrong usage.
fn flag_answers(args: &ApplyArgs) -> Result<Answers> {
    let one: [(Field, &Option<String>); 12] = [
        (Field::Name, &args.name),
        (Field::Email, &args.email),
        (Field::Role, &args.role),
        (Field::Department, &args.department),
        (Field::Position, &args.position),
        (Field::Branch, &args.branch),
        (Field::Hired, &args.hired),
        (Field::Manager, &args.manager),
        (Field::Applied, &args.applied),
        (Field::Modality, &args.modality),
        (Field::CareerGoal, &args.career_goal),
        (Field::Motivation, &args.motivation),
    ];
    let many: [(Field, &Vec<String>); 5] = [
        (Field::Degrees, &args.degrees),
        (Field::Competencies, &args.competencies),
        (Field::Availability, &args.availability),
        (Field::Skills, &args.skills),
        (Field::Prefers, &args.prefers),
    ];
    let mut answers = Answers::default();
    let mut errors = Vec::new();
    let items = one
        .into_iter()
        .filter_map(|(f, v)| v.as_ref().map(|v| (f, v.clone())))
        .chain(
            many.into_iter()
                .flat_map(|(f, v)| v.iter().map(move |v| (f, v.clone()))),
        )
        .chain(args.capacity.map(|c| (Field::Capacity, c.to_string())));
    for (field, raw) in items {
        match read_flag(field, &raw) {
            Ok(Some(v)) => answers.put(field, v),
            Ok(None) => {}
            Err(e) => errors.push(format!("{}: {e}", flag(field))),
        }
    }
    if errors.is_empty() {
        Ok(answers)
    } else {
        Err(Error::Usage(errors.join("\nerror: ")))
    }
}

/// One answer typed by a person: dates as YYYY-MM-DD, the rest as in forms.
fn read_flag(field: Field, raw: &str) -> std::result::Result<Option<Value>, String> {
    if field.kind() == Kind::Date && !raw.trim().is_empty() {
        return NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
            .map(|d| Some(Value::Date(d)))
            .map_err(|_| format!("`{}` is not a date; write it as YYYY-MM-DD", raw.trim()));
    }
    read_value(field, raw, DateOrder::Ymd, None)
}

/// `--career-goal` for `career_goal`.
fn flag(field: Field) -> String {
    format!("--{}", field.key().replace('_', "-"))
}

/// `missing --email, --role (mentee, mentor), --department: …`.
fn missing_message(missing: &[Field]) -> String {
    let names: Vec<String> = missing
        .iter()
        .map(|f| match (f.kind(), f.allowed()) {
            (Kind::Role, Some(allowed)) => format!("{} ({allowed})", flag(*f)),
            _ => flag(*f),
        })
        .collect();
    format!(
        "missing {}: give them as flags, or run apply at a terminal without --no-input to be asked",
        names.join(", ")
    )
}

/// The departments in the folder, as first written, sorted ignoring case.
fn departments(folder: &Folder) -> Vec<String> {
    let mut seen: std::collections::BTreeMap<String, String> = Default::default();
    for p in folder.participants.values() {
        seen.entry(fold(&p.department))
            .or_insert_with(|| p.department.trim().to_string());
    }
    seen.into_values().filter(|d| !d.is_empty()).collect()
}

/// Asks for each missing field until it has a good answer; the end of input
/// refuses.
fn ask(
    answers: &mut Answers,
    missing: &[Field],
    departments: &[String],
    input: &mut impl BufRead,
    out: &mut impl Write,
) -> Result<()> {
    let io = |e| Error::io("<terminal>", "asking", e);
    for &field in missing {
        let label = {
            let mut word = field.key().replace('_', " ");
            if let Some(first) = word.get_mut(..1) {
                first.make_ascii_uppercase();
            }
            word
        };
        let hint = match field {
            Field::Department if !departments.is_empty() => {
                Some(format!("{}, or another", departments.join(", ")))
            }
            f => f.allowed(),
        };
        loop {
            match &hint {
                Some(h) => write!(out, "{label} ({h}): ").map_err(io)?,
                None => write!(out, "{label}: ").map_err(io)?,
            }
            out.flush().map_err(io)?;
            let mut line = String::new();
            if input.read_line(&mut line).map_err(io)? == 0 {
                writeln!(out).map_err(io)?;
                return Err(Error::NoAnswer { field: field.key() });
            }
            match read_flag(field, &line) {
                Ok(Some(v)) => {
                    answers.put(field, v);
                    break;
                }
                Ok(None) => writeln!(out, "  {} is required", field.key()).map_err(io)?,
                Err(e) => writeln!(out, "  {e}").map_err(io)?,
            }
        }
    }
    Ok(())
}

/// The id and file text of a new person, checked against the folder: the
/// email must be new, and the folder with the person added must be valid.
fn new_person(folder: &Folder, answers: &Answers, today: NaiveDate) -> Result<(String, String)> {
    let email = answers.text(Field::Email).unwrap_or_default();
    if let Some((id, _)) = folder
        .participants
        .iter()
        .find(|(_, p)| fold(&p.email) == fold(email))
    {
        return Err(Error::Duplicate {
            email: email.to_string(),
            file: PathBuf::from(PARTICIPANTS_DIR).join(format!("{id}.yaml")),
        });
    }
    let person = answers
        .new_participant(None, Some(today))
        .map_err(|missing| Error::Usage(missing_message(&missing)))?;
    let id = new_id(&person.name, &person.email, |id| {
        folder.participants.contains_key(id)
    });
    let text = checked_text(&id, &person)?;
    let mut after = folder.clone();
    after.sources.insert(
        PathBuf::from(PARTICIPANTS_DIR).join(format!("{id}.yaml")),
        text.clone(),
    );
    after.participants.insert(id.clone(), person);
    let problems = crate::store::problems(&after);
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    Ok((id, text))
}

/// The file text of a new participant, read back to make sure it holds
/// exactly the person.
fn checked_text(id: &str, person: &Participant) -> Result<String> {
    let text = participant_yaml(person);
    let rel = PathBuf::from(PARTICIPANTS_DIR).join(format!("{id}.yaml"));
    match parse_participant(&rel, &text) {
        Ok(back) if back == *person => Ok(text),
        Ok(_) => Err(Error::Bug(format!(
            "{}: the record would not read back as written",
            rel.display()
        ))),
        Err(p) => Err(Error::problem(p)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asks_until_each_answer_is_good() {
        let mut answers = Answers::default();
        let mut input = std::io::Cursor::new("\nboss\nmentor\nCirculation\n");
        let mut out = Vec::new();
        ask(
            &mut answers,
            &[Field::Role, Field::Department],
            &["Circulation".into(), "Youth Services".into()],
            &mut input,
            &mut out,
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "Role (mentee, mentor):   role is required\nRole (mentee, mentor):   `boss` is not allowed here; use one of: mentee, mentor\nRole (mentee, mentor): Department (Circulation, Youth Services, or another): "
        );
        assert_eq!(answers.text(Field::Department), Some("Circulation"));
    }

    #[test]
    fn the_end_of_input_refuses() {
        let mut answers = Answers::default();
        let err = ask(
            &mut answers,
            &[Field::Email],
            &[],
            &mut std::io::Cursor::new("not-an-email\n"),
            &mut Vec::new(),
        )
        .unwrap_err();
        assert_eq!(err.to_string(), "no answer for email; nothing written");
    }
}
