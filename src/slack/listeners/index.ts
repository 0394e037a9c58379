// Every Slack surface ohmymkt listens to, registered in one place so the manifest test can compare.
import type { App } from '@slack/bolt';
import type { HandoverDeps } from '../handover.ts';

export type ListenerDeps = HandoverDeps;

export function registerListeners(_app: App, _deps: ListenerDeps): void {}
