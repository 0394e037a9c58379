// Every Slack identifier we put on a surface and listen for, named once.
export const ACTION_IDS = {
  approvePlan: 'ohmymkt:plan:approve',
  rejectPlan: 'ohmymkt:plan:reject',
  runAsUltrawork: 'ohmymkt:run:ultrawork',
  retryRun: 'ohmymkt:run:retry',
  cancelRun: 'ohmymkt:run:cancel',
  configureProvider: 'ohmymkt:provider:configure',
  approveAsset: 'ohmymkt:asset:approve',
  sendBackAsset: 'ohmymkt:asset:send-back',
} as const;

export const CALLBACK_IDS = {
  providerSettings: 'ohmymkt:provider:settings',
  rejectReason: 'ohmymkt:plan:reject-reason',
  providerConfig: 'ohmymkt:provider:config',
} as const;

export const COMMAND = '/ohmymkt';
