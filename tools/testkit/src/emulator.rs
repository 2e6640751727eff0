//! A local AWS emulator for deploy tests: ministack (pinned in `tools/requirements.txt`),
//! run from the venv, bound to 127.0.0.1 on a free port, stopped by its pid.
//!
//! [`Emulator::start`] returns a guard: dropping it (at the end of the test, or while a
//! failing test unwinds) stops the emulator and removes its directory. The emulator also
//! gets SIGTERM from the kernel if the thread that started it ends first
//! (`tools/run-ministack.py`), so keep the guard in the test that started it.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use crate::{repo_root, tools_required, venv_bin};

/// How long the emulator may take to boot (it takes a few seconds).
const BOOT: Duration = Duration::from_secs(90);
/// How long it may take to stop after SIGTERM before it is killed.
const STOP: Duration = Duration::from_secs(10);

/// A running ministack. Dropping it stops it.
#[derive(Debug)]
pub struct Emulator {
    child: Option<Child>,
    port: u16,
    dir: PathBuf,
}

impl Emulator {
    /// Starts ministack from the venv and waits until it is ready. Panics when it cannot be
    /// started, unless the run opts out of missing tools (`CFNKIT_SKIP_TOOLS=1`): then
    /// `None`, with a note on stderr.
    pub fn start() -> Option<Emulator> {
        let bin = venv_bin()?;
        let mut last = String::new();
        // A free port can be taken between finding it and binding it: try a few.
        for _ in 0..3 {
            match Emulator::try_start(&bin) {
                Ok(emulator) => return Some(emulator),
                Err(e) => last = e,
            }
        }
        if tools_required() {
            panic!(
                "the AWS emulator did not start: {last}\n(set CFNKIT_SKIP_TOOLS=1 to skip the deploy tests)"
            );
        }
        eprintln!("note: skipping a deploy test: the AWS emulator did not start: {last}");
        None
    }

    fn try_start(bin: &std::path::Path) -> Result<Emulator, String> {
        let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .and_then(|l| l.local_addr())
            .map_err(|e| format!("no free loopback port: {e}"))?
            .port();
        let dir =
            std::env::temp_dir().join(format!("cfnkit-ministack-{}-{port}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("state"))
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let log = std::fs::File::create(dir.join("ministack.log"))
            .map_err(|e| format!("cannot create the log: {e}"))?;
        let log_err = log
            .try_clone()
            .map_err(|e| format!("cannot share the log: {e}"))?;
        let mut command = Command::new(bin.join("python"));
        command
            .arg(repo_root().join("tools/run-ministack.py"))
            .arg(std::process::id().to_string())
            // A clean environment: nothing from the caller changes what the emulator does.
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("BIND_HOST", "127.0.0.1")
            .env("GATEWAY_PORT", port.to_string())
            .env("MINISTACK_HOST", "127.0.0.1")
            .env("MINISTACK_REGION", "us-east-1")
            .env("IOT_MTLS_ENABLED", "0")
            .env("SFTP_ENABLED", "0")
            .env("PERSIST_STATE", "0")
            .env("STATE_DIR", dir.join("state"))
            .env("S3_DATA_DIR", dir.join("s3"))
            .env("TMPDIR", &dir)
            // No Docker: nothing is started outside this process.
            .env(
                "DOCKER_HOST",
                format!("unix://{}", dir.join("no-docker.sock").display()),
            )
            .env("LOG_LEVEL", "INFO")
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(log_err);
        let child = command
            .spawn()
            .map_err(|e| format!("cannot run {}: {e}", bin.join("python").display()))?;
        let mut emulator = Emulator {
            child: Some(child),
            port,
            dir,
        };
        emulator.wait_ready()?;
        Ok(emulator)
    }

    fn wait_ready(&mut self) -> Result<(), String> {
        let started = Instant::now();
        while started.elapsed() < BOOT {
            if let Some(child) = self.child.as_mut()
                && let Ok(Some(status)) = child.try_wait()
            {
                return Err(format!("ministack exited ({status}):\n{}", self.log_tail()));
            }
            if self
                .get("/_ministack/ready")
                .is_some_and(|r| r.starts_with("HTTP/1.1 200"))
            {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        Err(format!(
            "ministack was not ready after {} s:\n{}",
            BOOT.as_secs(),
            self.log_tail()
        ))
    }

    /// A plain HTTP GET on the emulator's port: the raw answer, or `None`.
    fn get(&self, path: &str) -> Option<String> {
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, self.port));
        let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(1)).ok()?;
        stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
            self.port
        )
        .ok()?;
        let mut answer = String::new();
        stream.read_to_string(&mut answer).ok()?;
        Some(answer)
    }

    /// The emulator's base URL, `http://127.0.0.1:<port>`.
    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The port it listens on (127.0.0.1 only).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The emulator's pid.
    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().map(Child::id)
    }

    /// The last lines of the emulator's log, for failure messages.
    pub fn log_tail(&self) -> String {
        let log = std::fs::read_to_string(self.dir.join("ministack.log")).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        lines[lines.len().saturating_sub(40)..].join("\n")
    }

    /// Stops the emulator: SIGTERM to its pid, then SIGKILL if it has not exited within
    /// a few seconds. Returns how it exited (`None` when already stopped).
    pub fn stop(&mut self) -> Option<ExitStatus> {
        let mut child = self.child.take()?;
        let pid = child.id().to_string();
        let _ = Command::new("kill")
            .args(["-TERM", &pid])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let asked = Instant::now();
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break Some(status),
                Ok(None) if asked.elapsed() < STOP => {
                    std::thread::sleep(Duration::from_millis(100));
                }
                _ => {
                    let _ = child.kill();
                    break child.wait().ok();
                }
            }
        };
        let _ = std::fs::remove_dir_all(&self.dir);
        status
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        self.stop();
    }
}
