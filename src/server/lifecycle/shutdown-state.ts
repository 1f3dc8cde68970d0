/** Whether the server is shutting down: readiness then fails and answers close their connection. */
import { Injectable } from '@nestjs/common';

/** Set once by the shutdown handler; read by readiness and the connection middleware. */
@Injectable()
export class ShutdownState {
  private drainingSince?: number;

  /** True once a shutdown has begun. */
  get draining(): boolean {
    return this.drainingSince !== undefined;
  }

  /** Marks the start of a shutdown (idempotent). */
  beginDraining(): void {
    this.drainingSince ??= Date.now();
  }
}
