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
  /** App Home's link buttons to a thread (numbered per item); Slack opens the URL, the app only acks. */
  openThread: 'ohmymkt:home:open-thread',
  /** The welcome's suggested first requests. */
  suggestRequest: 'ohmymkt:welcome:suggest',
} as const;

export const CALLBACK_IDS = {
  providerSettings: 'ohmymkt:provider:settings',
  rejectReason: 'ohmymkt:plan:reject-reason',
  providerConfig: 'ohmymkt:provider:config',
  /** A suggested request that needs one detail from the person before it starts. */
  suggestionDetail: 'ohmymkt:welcome:detail',
} as const;

export const COMMAND = '/ohmymkt';
