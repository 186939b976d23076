// Hosting backups as code: backups, retention policies and restores for Kinsta, WP Engine, VPS.org and Northflank.
package hostingbackups
