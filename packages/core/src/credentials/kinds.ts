// What a credential finding can be, and how each kind is named in messages.

export type CredentialKind =
  | 'aws-access-key-id'
  | 'aws-secret-access-key'
  | 'github-token'
  | 'gitlab-token'
  | 'slack-token'
  | 'slack-webhook'
  | 'discord-webhook'
  | 'stripe-key'
  | 'google-api-key'
  | 'google-oauth-client-secret'
  | 'openai-api-key'
  | 'anthropic-api-key'
  | 'huggingface-token'
  | 'npm-token'
  | 'pypi-token'
  | 'sendgrid-api-key'
  | 'twilio-api-key'
  | 'databricks-token'
  | 'vault-token'
  | 'jwt'
  | 'private-key'
  | 'azure-storage-key'
  | 'azure-shared-access-key'
  | 'azure-sas-token'
  | 'url-credentials'
  | 'authorization-header'
  | 'password'
  | 'secret'
  | 'token'
  | 'api-key';

export const CREDENTIAL_KIND_LABELS: Record<CredentialKind, string> = {
  'aws-access-key-id': 'AWS access key ID',
  'aws-secret-access-key': 'AWS secret access key',
  'github-token': 'GitHub token',
  'gitlab-token': 'GitLab token',
  'slack-token': 'Slack token',
  'slack-webhook': 'Slack webhook URL',
  'discord-webhook': 'Discord webhook URL',
  'stripe-key': 'Stripe live key',
  'google-api-key': 'Google API key',
  'google-oauth-client-secret': 'Google OAuth client secret',
  'openai-api-key': 'OpenAI API key',
  'anthropic-api-key': 'Anthropic API key',
  'huggingface-token': 'Hugging Face token',
  'npm-token': 'npm token',
  'pypi-token': 'PyPI token',
  'sendgrid-api-key': 'SendGrid API key',
  'twilio-api-key': 'Twilio API key',
  'databricks-token': 'Databricks token',
  'vault-token': 'HashiCorp Vault token',
  jwt: 'JSON Web Token',
  'private-key': 'private key',
  'azure-storage-key': 'Azure storage account key',
  'azure-shared-access-key': 'Azure shared access key',
  'azure-sas-token': 'Azure SAS token signature',
  'url-credentials': 'password in a URL',
  'authorization-header': 'Authorization header credential',
  password: 'password',
  secret: 'secret',
  token: 'token',
  'api-key': 'API key',
};
