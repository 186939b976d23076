// A Go program using the generated Go SDK (sdks/go), for test/e2e/plugin-go.test.ts.
package main

import (
	"github.com/hosting-backups/pulumi-hosting-backups/sdks/go/hostingbackups"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		vpsorgTarget := hostingbackups.VpsOrgTargetArgs{
			Vendor:   pulumi.String("vpsorg"),
			ServerId: pulumi.String(cfg.Require("vpsorgServerId")),
		}

		// The code `pulumi import hostingbackups:index:Backup legacy vpsorg/<server>/<backup>` stands for.
		if imported := cfg.Get("importedBackupId"); imported != "" {
			_, err := hostingbackups.NewBackup(ctx, "legacy", &hostingbackups.BackupArgs{
				Target:         vpsorgTarget,
				AdoptBackupId:  pulumi.String(imported),
				DeletionPolicy: hostingbackups.BackupDeletionPolicyRetain,
			})
			return err
		}

		vpsorg, err := hostingbackups.NewBackup(ctx, "vpsorg", &hostingbackups.BackupArgs{
			Target: vpsorgTarget,
			// A secret input: it must stay encrypted in the state.
			Description: pulumi.ToSecret(pulumi.String("go secret note")).(pulumi.StringOutput),
		})
		if err != nil {
			return err
		}
		kinsta, err := hostingbackups.NewBackup(ctx, "kinsta", &hostingbackups.BackupArgs{
			Target: hostingbackups.KinstaTargetArgs{
				Vendor:        pulumi.String("kinsta"),
				EnvironmentId: pulumi.String(cfg.Require("kinstaEnvironmentId")),
			},
			Description: pulumi.String("go release"),
		})
		if err != nil {
			return err
		}
		for name, backup := range map[string]*hostingbackups.Backup{"vpsorg": vpsorg, "kinsta": kinsta} {
			ctx.Export(name, pulumi.Map{"id": backup.ID(), "backupId": backup.BackupId, "status": backup.Status})
		}
		return nil
	})
}
