//! A workbook filled on a thread of its own.
//!
//! rust_xlsxwriter spends about 2,000 instructions on a cell (the row's
//! map, the cell's XML, its format): for a big sheet that is more than
//! reading and computing the rows. [`WorkbookThread`] moves the cell
//! writing to another thread, so it runs beside the reader and the engine
//! on a machine with two cores or more: the caller hands over owned row
//! data in small jobs, which run in order, and gets the workbook back at
//! the end to finish and save it.

use std::panic::resume_unwind;
use std::sync::mpsc::{self, SyncSender};
use std::thread::JoinHandle;

use rust_xlsxwriter::Workbook;

use crate::write_error::WriteError;

/// One piece of writing: usually a row's cells.
pub(crate) type Job = Box<dyn FnOnce(&mut Workbook) -> Result<(), WriteError> + Send>;

/// Jobs handed over at a time.
const BATCH_JOBS: usize = 256;
/// Batches that may wait for the writing thread: enough to smooth out a
/// slow row, few enough to keep memory flat.
const BATCHES_IN_FLIGHT: usize = 16;

/// What the writing thread gives back: the workbook, and the first error.
type Outcome = (Workbook, Result<(), WriteError>);

/// A workbook being written on its own thread (see the module docs).
pub(crate) struct WorkbookThread {
    batch: Vec<Job>,
    to_writer: Option<SyncSender<Vec<Job>>>,
    writer: Option<JoinHandle<Outcome>>,
}

impl std::fmt::Debug for WorkbookThread {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WorkbookThread").field("queued", &self.batch.len()).finish_non_exhaustive()
    }
}

impl WorkbookThread {
    /// Starts the thread that owns `workbook`.
    ///
    /// # Errors
    ///
    /// [`WriteError::Io`] when the system cannot start a thread.
    pub(crate) fn spawn(workbook: Workbook) -> Result<WorkbookThread, WriteError> {
        let (to_writer, from_caller) = mpsc::sync_channel::<Vec<Job>>(BATCHES_IN_FLIGHT);
        let writer = std::thread::Builder::new()
            .name("workbook writer".to_owned())
            .spawn(move || {
                let mut workbook = workbook;
                for batch in from_caller {
                    for job in batch {
                        if let Err(e) = job(&mut workbook) {
                            // Hanging up tells the caller at its next send.
                            return (workbook, Err(e));
                        }
                    }
                }
                (workbook, Ok(()))
            })
            .map_err(|error| WriteError::Io { path: "(a thread to write the workbook)".into(), error })?;
        Ok(WorkbookThread { batch: Vec::with_capacity(BATCH_JOBS), to_writer: Some(to_writer), writer: Some(writer) })
    }

    /// Queues a job; jobs run in the order given.
    ///
    /// # Errors
    ///
    /// The error of an earlier job, once the writing thread has stopped on
    /// it (later jobs are not run).
    pub(crate) fn run(
        &mut self,
        job: impl FnOnce(&mut Workbook) -> Result<(), WriteError> + Send + 'static,
    ) -> Result<(), WriteError> {
        self.batch.push(Box::new(job));
        if self.batch.len() >= BATCH_JOBS {
            self.send()?;
        }
        Ok(())
    }

    fn send(&mut self) -> Result<(), WriteError> {
        let batch = std::mem::replace(&mut self.batch, Vec::with_capacity(BATCH_JOBS));
        let sent = self.to_writer.as_ref().is_some_and(|tx| tx.send(batch).is_ok());
        if sent {
            return Ok(());
        }
        // The thread stopped on an error: that error is the answer.
        self.join().and_then(|(_, result)| result.and(Err(stopped())))
    }

    /// Runs the jobs still queued and gives the workbook back.
    ///
    /// # Errors
    ///
    /// The first error of a job.
    pub(crate) fn finish(mut self) -> Result<Workbook, WriteError> {
        if !self.batch.is_empty() {
            self.send()?;
        }
        let (workbook, result) = self.join()?;
        result.map(|()| workbook)
    }

    /// Hangs up and waits for the thread.
    fn join(&mut self) -> Result<Outcome, WriteError> {
        self.to_writer = None;
        match self.writer.take() {
            Some(handle) => match handle.join() {
                Ok(outcome) => Ok(outcome),
                Err(panic) => resume_unwind(panic),
            },
            None => Err(stopped()),
        }
    }
}

impl Drop for WorkbookThread {
    /// Waits for the thread, so that the workbook's temporary files are
    /// gone when the writer is.
    fn drop(&mut self) {
        self.batch.clear();
        self.to_writer = None;
        if let Some(handle) = self.writer.take() {
            // A panic of the thread was already reported by the panic hook.
            let _ = handle.join();
        }
    }
}

fn stopped() -> WriteError {
    WriteError::Io {
        path: "(the workbook writer)".into(),
        error: std::io::Error::other("the thread writing the workbook stopped"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jobs_run_in_order() -> Result<(), Box<dyn std::error::Error>> {
        let mut wb = Workbook::new();
        wb.add_worksheet().set_name("S")?;
        let mut thread = WorkbookThread::spawn(wb)?;
        for r in 0..1000u32 {
            thread.run(move |wb| {
                wb.worksheet_from_index(0)?.write_number(r, 0, f64::from(r))?;
                Ok(())
            })?;
        }
        let buf = thread.finish()?.save_to_buffer()?;
        let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(buf))?;
        let range = calamine::Reader::worksheet_range(&mut book, "S")?;
        assert_eq!(range.height(), 1000);
        let column: Vec<f64> = range.rows().filter_map(|r| calamine::DataType::as_f64(&r[0])).collect();
        assert_eq!(column, (0..1000).map(f64::from).collect::<Vec<_>>());
        Ok(())
    }

    #[test]
    fn the_first_error_is_given_back_and_later_jobs_do_not_run() -> Result<(), WriteError> {
        let mut wb = Workbook::new();
        wb.add_worksheet().set_name("S")?;
        let mut thread = WorkbookThread::spawn(wb)?;
        let ran_after = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let mut first_error = None;
        for r in 0..5000u32 {
            let ran_after = ran_after.clone();
            let result = thread.run(move |wb| {
                if r == 10 {
                    return Err(WriteError::TooManyRows { limit: 10 });
                }
                if r > 10 {
                    ran_after.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                }
                wb.worksheet_from_index(0)?.write_number(r, 0, 1.0)?;
                Ok(())
            });
            if let Err(e) = result {
                first_error = Some(e);
                break;
            }
        }
        let e = match first_error {
            Some(e) => e,
            None => match thread.finish() {
                Err(e) => e,
                Ok(_) => panic!("the error was lost"),
            },
        };
        assert!(matches!(e, WriteError::TooManyRows { limit: 10 }), "{e}");
        assert_eq!(ran_after.load(std::sync::atomic::Ordering::Relaxed), 0);
        Ok(())
    }
}
