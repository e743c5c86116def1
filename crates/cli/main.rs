//! The `carbonbook` command. All the work is in the `carbonbook-cli` crate.

fn main() -> std::process::ExitCode {
    carbonbook_cli::run()
}
