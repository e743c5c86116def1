//! Where problems and warnings go while a book is read.

use crate::problem::Problem;

/// Collects problems (errors) and warnings, keeping at most `max` problems;
/// the ones beyond are counted, and the count is reported at the end.
#[derive(Debug)]
pub(crate) struct Report<'a> {
    pub(crate) problems: &'a mut Vec<Problem>,
    pub(crate) warnings: &'a mut Vec<Problem>,
    pub(crate) suppressed: &'a mut u64,
    pub(crate) max: usize,
}

/// The message of the closing problem that counts the ones not listed.
const MORE: &str = "more problems were found and not listed";

impl Report<'_> {
    /// Records a problem.
    pub(crate) fn problem(&mut self, p: Problem) {
        if self.listed() >= self.max {
            *self.suppressed += 1;
        } else {
            self.problems.push(p);
        }
    }

    /// Records a warning (warnings share the limit of problems).
    pub(crate) fn warning(&mut self, w: Problem) {
        if self.warnings.len() < self.max {
            self.warnings.push(w);
        }
    }

    fn listed(&self) -> usize {
        self.problems.len() - usize::from(self.problems.last().is_some_and(is_more))
    }

    /// Adds (or updates) the closing count of problems not listed.
    pub(crate) fn close(&mut self) {
        if *self.suppressed == 0 {
            return;
        }
        if self.problems.last().is_some_and(is_more) {
            self.problems.pop();
        }
        self.problems.push(Problem::book(format!(
            "{} {MORE} (at most {} are listed; fix these and run again)",
            self.suppressed, self.max
        )));
    }
}

fn is_more(p: &Problem) -> bool {
    matches!(p.location, crate::problem::Location::Book) && p.message.contains(MORE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_beyond_the_limit_are_counted() {
        let (mut p, mut w, mut s) = (Vec::new(), Vec::new(), 0);
        let mut r = Report { problems: &mut p, warnings: &mut w, suppressed: &mut s, max: 2 };
        for i in 0..5 {
            r.problem(Problem::book(format!("p{i}")));
        }
        r.close();
        r.problem(Problem::book("p5"));
        r.close();
        assert_eq!(p.len(), 3);
        assert_eq!(
            p[2].message,
            "4 more problems were found and not listed (at most 2 are listed; fix these and run again)"
        );
    }
}
