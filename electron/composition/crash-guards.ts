// Keeps one bad request (or one bug reached by one) from ending the process that holds the receiver: an unhandled
// rejection or uncaught exception is logged with what to report, and the process carries on. Node's default is to
// exit, which for Hookscope would drop every delivery the platforms send until someone notices and restarts it.
let installed = false;

export function installCrashGuards(log: (message: string, error: unknown) => void = defaultLog): void {
  if (installed) return;
  installed = true;
  process.on('unhandledRejection', (reason) => log('an unexpected error was caught; Hookscope keeps running', reason));
  process.on('uncaughtException', (error) => log('an unexpected exception was caught; Hookscope keeps running', error));
}

function defaultLog(message: string, error: unknown): void {
  console.error(`hookscope: ${message}. Please report it with this trace:`, error);
}
