// Command sdkgen writes the Go and Python SDKs of the hostingbackups plugin from its schema
// (provider/plugin/schema.json) with Pulumi's own code generators, the ones `pulumi package
// gen-sdk` runs through language hosts the Go module proxy does not serve. .NET's generator
// is no longer part of pkg/v3 (it moved to the pulumi-dotnet repository), so there is no .NET SDK.
//
//	go run . -schema ../../provider/plugin/schema.json -out ../../sdks
//
// writes <out>/go/hostingbackups/… and <out>/python/…, replacing what was there. The Go
// module's go.mod and go.sum (in <out>/go) are kept: they are the SDK's own, tidied by hand.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/blang/semver"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	pygen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// The Go module that holds the SDK (sdks/go/go.mod) and the import path of its package.
const (
	goModulePath     = "github.com/hosting-backups/pulumi-hosting-backups/sdks/go"
	goImportBasePath = goModulePath + "/hostingbackups"
	pythonPackage    = "pulumi_hostingbackups"
)

// The name recorded in every generated file's header.
const tool = "pulumi-hosting-backups sdkgen"

func main() {
	schemaPath := flag.String("schema", "", "the plugin's schema.json")
	outDir := flag.String("out", "", "folder to write go/ and python/ into")
	flag.Parse()
	if *schemaPath == "" || *outDir == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*schemaPath, *outDir); err != nil {
		fmt.Fprintln(os.Stderr, "sdkgen:", err)
		os.Exit(1)
	}
}

func run(schemaPath, outDir string) error {
	raw, err := os.ReadFile(schemaPath)
	if err != nil {
		return err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(raw, &spec); err != nil {
		return fmt.Errorf("%s: %w", schemaPath, err)
	}
	// Per-language settings live here, not in the schema: they describe where this repository
	// keeps the SDKs. A schema that sets them itself wins.
	if spec.Language == nil {
		spec.Language = map[string]schema.RawMessage{}
	}
	setDefault(spec.Language, "go", map[string]any{"importBasePath": goImportBasePath, "respectSchemaVersion": true})
	setDefault(spec.Language, "python", map[string]any{
		"packageName": pythonPackage, "respectSchemaVersion": true, "pyproject": map[string]any{"enabled": true},
	})

	pkg, diags, err := schema.BindSpec(spec, noDependencies{}, schema.ValidationOptions{})
	if err != nil {
		return err
	}
	if diags.HasErrors() {
		return fmt.Errorf("%s: %s", schemaPath, diags.Error())
	}

	goFiles, err := gogen.GeneratePackage(tool, pkg, nil)
	if err != nil {
		return fmt.Errorf("go: %w", err)
	}
	// The generated tree's root folder is the package name; go.mod stays outside it.
	if err := replaceTree(filepath.Join(outDir, "go"), goFiles, []string{"go.mod", "go.sum"}); err != nil {
		return err
	}

	pyFiles, err := pygen.GeneratePackage(tool, pkg, nil, noDependencies{})
	if err != nil {
		return fmt.Errorf("python: %w", err)
	}
	return replaceTree(filepath.Join(outDir, "python"), pyFiles, nil)
}

func setDefault(languages map[string]schema.RawMessage, name string, value map[string]any) {
	if _, ok := languages[name]; ok {
		return
	}
	encoded, err := json.Marshal(value)
	if err != nil {
		panic(err) // only literal maps above
	}
	languages[name] = encoded
}

// replaceTree empties dir (but for the names in keep) and writes files into it, so a file the
// generator no longer writes does not linger.
func replaceTree(dir string, files map[string][]byte, keep []string) error {
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	for _, entry := range entries {
		if !contains(keep, entry.Name()) {
			if err := os.RemoveAll(filepath.Join(dir, entry.Name())); err != nil {
				return err
			}
		}
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		target := filepath.Join(dir, filepath.FromSlash(name))
		if !strings.HasPrefix(target, filepath.Clean(dir)+string(filepath.Separator)) {
			return fmt.Errorf("generated file %q is outside %s", name, dir)
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(target, files[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, item := range list {
		if item == s {
			return true
		}
	}
	return false
}

// noDependencies is the schema loader for a package that references no other package: the
// hostingbackups schema uses only its own types and Pulumi's built-in ones.
type noDependencies struct{}

func (noDependencies) LoadPackage(name string, _ *semver.Version) (*schema.Package, error) {
	return nil, fmt.Errorf("the schema references package %q; sdkgen loads no other package", name)
}

func (l noDependencies) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return l.LoadPackage(d.Name, nil)
}

func (noDependencies) LoadPackageReference(name string, _ *semver.Version) (schema.PackageReference, error) {
	return nil, fmt.Errorf("the schema references package %q; sdkgen loads no other package", name)
}

func (l noDependencies) LoadPackageReferenceV2(
	_ context.Context, d *schema.PackageDescriptor,
) (schema.PackageReference, error) {
	return l.LoadPackageReference(d.Name, nil)
}
