//! Work off the UI thread. A [`Worker`] is one thread that runs what it is given in order: each
//! screen has one for its short actions, so a scanner's codes are answered in the order they
//! were scanned and a slow database never freezes the window. Long work (imports, rendering,
//! printing, sending) gets a thread of its own with [`spawn`], so it never holds up the rest.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, mpsc};
use std::task::{Context, Poll, Waker};

type Job = Box<dyn FnOnce() + Send>;

pub struct Worker {
    tx: mpsc::Sender<Job>,
}

impl Worker {
    pub fn new(name: &str) -> Worker {
        let (tx, rx) = mpsc::channel::<Job>();
        let spawned = std::thread::Builder::new().name(format!("gui-{name}")).spawn(move || {
            for job in rx {
                job();
            }
        });
        if let Err(e) = spawned {
            eprintln!("error: cannot start the {name} worker thread: {e}");
        }
        Worker { tx }
    }

    /// Queue `job`; it runs after everything queued before it.
    pub fn run(&self, job: impl FnOnce() + Send + 'static) {
        if self.tx.send(Box::new(job)).is_err() {
            eprintln!("error: a worker thread has stopped; restart the window");
        }
    }
}

/// Run long work on a thread of its own.
pub fn spawn(name: &str, job: impl FnOnce() + Send + 'static) {
    if let Err(e) = std::thread::Builder::new().name(format!("gui-{name}")).spawn(job) {
        eprintln!("error: cannot start a thread for {name}: {e}");
    }
}

/// A one-shot channel whose receiving end is a future: a worker thread sends the result of a
/// service, and the UI thread awaits it (with `slint::spawn_local`), so the code that shows the
/// result may hold the window's non-`Send` state.
pub fn oneshot<T>() -> (Sender<T>, Receiver<T>) {
    let slot = Arc::new(Mutex::new(Slot { value: None, waker: None, closed: false }));
    (Sender(slot.clone()), Receiver(slot))
}

struct Slot<T> {
    value: Option<T>,
    waker: Option<Waker>,
    closed: bool,
}

pub struct Sender<T>(Arc<Mutex<Slot<T>>>);

pub struct Receiver<T>(Arc<Mutex<Slot<T>>>);

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl<T> Sender<T> {
    pub fn send(self, value: T) {
        lock(&self.0).value = Some(value);
        // Dropping self wakes the receiver.
    }
}

impl<T> Drop for Sender<T> {
    fn drop(&mut self) {
        let waker = {
            let mut slot = lock(&self.0);
            slot.closed = true;
            slot.waker.take()
        };
        if let Some(w) = waker {
            w.wake();
        }
    }
}

impl<T> Future for Receiver<T> {
    /// `None` when the sender went away without sending (its thread panicked).
    type Output = Option<T>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        let mut slot = lock(&self.0);
        if let Some(v) = slot.value.take() {
            return Poll::Ready(Some(v));
        }
        if slot.closed {
            return Poll::Ready(None);
        }
        slot.waker = Some(cx.waker().clone());
        Poll::Pending
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jobs_run_in_the_order_given() {
        let w = Worker::new("test");
        let (tx, rx) = mpsc::channel();
        for i in 0..50 {
            let tx = tx.clone();
            w.run(move || tx.send(i).unwrap());
        }
        let got: Vec<i32> = (0..50).map(|_| rx.recv().unwrap()).collect();
        assert_eq!(got, (0..50).collect::<Vec<_>>());
    }

    fn block_on<F: Future>(f: F) -> F::Output {
        struct ThreadWaker(std::thread::Thread);
        impl std::task::Wake for ThreadWaker {
            fn wake(self: Arc<Self>) {
                self.0.unpark();
            }
        }
        let waker = Waker::from(Arc::new(ThreadWaker(std::thread::current())));
        let mut cx = Context::from_waker(&waker);
        let mut f = std::pin::pin!(f);
        loop {
            if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
                return v;
            }
            std::thread::park();
        }
    }

    #[test]
    fn a_result_sent_from_another_thread_arrives_and_a_lost_one_is_none() {
        let (tx, rx) = oneshot();
        spawn("sender", move || tx.send(42));
        assert_eq!(block_on(rx), Some(42));
        let (tx, rx) = oneshot::<i32>();
        spawn("dropper", move || drop(tx));
        assert_eq!(block_on(rx), None);
    }
}
