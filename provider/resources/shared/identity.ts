/**
 * `<project>/<stack>/<resource name>`: the `identity` input of the resources that take one
 * (part of their backups' markers), set alike by the SDK class and by the plugin (from the
 * URN). Its own module: the SDK loads it without the provider.
 */
export function identityOf(project: string, stack: string, name: string): string {
  return `${project}/${stack}/${name}`;
}
