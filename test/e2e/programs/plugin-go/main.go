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

		// The functions: the server's backups (plain form, asked before anything was taken) and the
		// newest one carrying the vpsorg Backup's marker (Output form, asked once it exists).
		manual := hostingbackups.RestoreOperationBackupMatchBackupKindManual
		listed, err := hostingbackups.GetBackups(ctx, &hostingbackups.GetBackupsArgs{
			Target: hostingbackups.VpsOrgTarget{Vendor: "vpsorg", ServerId: cfg.Require("vpsorgServerId")},
			Match:  &hostingbackups.GetBackupsMatch{Kind: &manual},
		})
		if err != nil {
			return err
		}
		ids := pulumi.StringArray{}
		for _, b := range listed.Backups {
			ids = append(ids, pulumi.String(b.BackupId))
		}
		ctx.Export("listedBefore", pulumi.Map{"targetKey": pulumi.String(listed.TargetKey), "backupIds": ids})
		latest := hostingbackups.GetLatestBackupOutput(ctx, hostingbackups.GetLatestBackupOutputArgs{
			Target: vpsorgTarget,
			Match:  hostingbackups.GetLatestBackupMatchArgs{Marker: vpsorg.Marker},
		})
		ctx.Export("latest", pulumi.Map{"backupId": latest.BackupId(), "madeByProvider": latest.MadeByProvider()})
		return nil
	})
}
