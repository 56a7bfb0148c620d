// Quitting stops the services first (in-flight deliveries commit, the database closes), once. Every quit request
// while that runs (a second Cmd+Q, the tray's Quit, an OS logout) is held and waits for the same stop; then the app
// quits for real. Without the shared promise, a second before-quit found no services left and quit mid-close.

export interface QuitEvent {
  preventDefault(): void;
}

export function gracefulQuit(stop: () => Promise<void>, quit: () => void, onError: (error: unknown) => void): (event: QuitEvent) => void {
  let stopping: Promise<void> | null = null;
  let stopped = false;
  return (event) => {
    if (stopped) return;
    event.preventDefault();
    stopping ??= stop()
      .catch(onError)
      .finally(() => {
        stopped = true;
        quit();
      });
  };
}
