/** Whether the server is still warming up its request path: readiness waits for it (see `http-warm-up.ts`). */
import { Injectable } from '@nestjs/common';

/** Set by `main.ts` around its warm-up; an app that never warms up is never "warming up". */
@Injectable()
export class StartupState {
  private warming = false;

  /** True between `beginWarmUp` and `endWarmUp`. */
  get warmingUp(): boolean {
    return this.warming;
  }

  beginWarmUp(): void {
    this.warming = true;
  }

  endWarmUp(): void {
    this.warming = false;
  }
}
