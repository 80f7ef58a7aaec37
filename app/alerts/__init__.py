"""Alerts: subscriptions, the events of incidents written to an outbox with the change that caused them, and the
sender that delivers them (webhook, Slack, Mattermost, Discord, ntfy, e-mail). docs/alerts.md tells the whole story.
"""
