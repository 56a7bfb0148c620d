// Keeps every shown desktop notification referenced until the user clicks or closes it (or the OS refuses it).
// Electron's Notification is an ordinary JavaScript object: once collected, its click handler is gone with it, and a
// click on the toast does nothing (electron/electron#16922, #12690).

export interface NotificationLike {
  on(event: 'click' | 'close' | 'failed', listener: () => void): unknown;
  show(): void;
}

export class ShownNotifications {
  private readonly held = new Set<NotificationLike>();

  show(notification: NotificationLike, onClick?: () => void): void {
    this.held.add(notification);
    const release = () => this.held.delete(notification);
    notification.on('click', () => {
      release();
      onClick?.();
    });
    notification.on('close', release);
    notification.on('failed', release);
    notification.show();
  }

  /** How many are on screen (or in the OS's notification centre) now. */
  get count(): number {
    return this.held.size;
  }
}
