// Time comes from here, injected, so tests and the scheduler control "now".
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
