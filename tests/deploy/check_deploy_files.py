#!/usr/bin/env python3
"""Static checks of the deployment files (deploy/, docs/operations.md).

Docker and kubectl are not available on the build machines (kubectl is not
packaged in Debian 12), so the files are checked structurally: they parse,
they carry what production needs (probes, resources, non-root, read-only
root file system, hardening), and they agree with the binaries of this
build: every OVERSIGHTD_* / OVERSIGHT_* variable and every flag they use
exists, the runtime image installs the package of every shared library the
binaries load, and the image builds with the commands `make build` runs.

Usage: check_deploy_files.py SOURCE_DIR OVERSIGHTD OVERSIGHT
"""

import configparser
import glob
import os
import re
import subprocess
import sys
import unittest

import yaml

SOURCE = OVERSIGHTD = OVERSIGHT = None

# Provided by every Debian base image (libc6, libgcc-s1 are Essential;
# libstdc++6 is required by apt itself) or only by the sanitizer build that
# runs the tests (libasan8, libubsan1).
BASE_PACKAGES = {"libc6", "libgcc-s1", "libstdc++6", "libasan8", "libubsan1"}
NON_ROOT_UID = 10001


def read(relative):
    with open(os.path.join(SOURCE, relative), encoding="utf-8") as f:
        return f.read()


def help_text(binary, *args):
    """The help output with every run of whitespace made one space."""
    done = subprocess.run([binary, *args], capture_output=True, text=True, timeout=60)
    return re.sub(r"\s+", " ", done.stdout + done.stderr)


def k8s_documents():
    docs = []
    for path in sorted(glob.glob(os.path.join(SOURCE, "deploy/k8s/*.yaml"))):
        with open(path, encoding="utf-8") as f:
            for doc in yaml.safe_load_all(f):
                if doc is not None:
                    docs.append((os.path.basename(path), doc))
    return docs


def of_kind(kind):
    return [doc for _, doc in k8s_documents() if doc.get("kind") == kind]


def pod_spec(doc):
    if doc["kind"] == "CronJob":
        return doc["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    return doc["spec"]["template"]["spec"]


def dockerfile_stages():
    """{stage name: [instruction lines joined across continuations]}"""
    stages, current = {}, None
    logical = re.sub(r"\\\n", " ", read("deploy/Dockerfile"))
    for line in logical.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        match = re.match(r"FROM\s+(\S+)(?:\s+AS\s+(\S+))?", line, re.I)
        if match:
            current = match.group(2) or match.group(1)
            stages[current] = [line]
        elif current:
            stages[current].append(line)
    return stages


def config_map():
    (cm,) = of_kind("ConfigMap")
    return cm["data"]


def env_names_used():
    """Every OVERSIGHTD_* / OVERSIGHT_* name the deployment files set."""
    names = set()
    for relative in ["deploy/Dockerfile", "deploy/compose.yaml", "deploy/systemd/oversightd.service",
                     "deploy/systemd/oversight-nightly.service"] + [
            os.path.relpath(p, SOURCE) for p in glob.glob(os.path.join(SOURCE, "deploy/k8s/*.yaml"))]:
        names.update(re.findall(r"\b(OVERSIGHTD?_[A-Z][A-Z_]*)\b", read(relative)))
    return names


class YamlFiles(unittest.TestCase):
    def test_every_manifest_and_the_compose_file_parse(self):
        paths = glob.glob(os.path.join(SOURCE, "deploy/k8s/*.yaml")) + [
            os.path.join(SOURCE, "deploy/compose.yaml")]
        self.assertGreaterEqual(len(paths), 8)
        for path in paths:
            with open(path, encoding="utf-8") as f:
                docs = [d for d in yaml.safe_load_all(f) if d is not None]
            self.assertTrue(docs, f"{path}: no YAML document")

    def test_every_kubernetes_object_is_named_and_namespaced(self):
        for name, doc in k8s_documents():
            with self.subTest(file=name, kind=doc.get("kind")):
                self.assertIn("kind", doc)
                if doc["kind"] == "Kustomization":
                    continue
                self.assertIn("apiVersion", doc)
                self.assertTrue(doc["metadata"]["name"])
                if doc["kind"] != "Namespace":
                    self.assertEqual(doc["metadata"].get("namespace"), "oversight", name)

    def test_kustomization_lists_every_manifest_but_the_secret_templates(self):
        (kustomization,) = [d for _, d in k8s_documents() if d.get("kind") == "Kustomization"]
        files = {os.path.basename(p) for p in glob.glob(os.path.join(SOURCE, "deploy/k8s/*.yaml"))}
        self.assertEqual(set(kustomization["resources"]),
                         files - {"kustomization.yaml", "secret.yaml"})


class KubernetesWorkloads(unittest.TestCase):
    def test_deployment_runs_two_replicas_with_native_grpc_probes_on_the_health_port(self):
        (deployment,) = of_kind("Deployment")
        self.assertGreaterEqual(deployment["spec"]["replicas"], 2)
        health_port = int(config_map()["OVERSIGHTD_HEALTH_LISTEN"].rsplit(":", 1)[1])
        api_port = int(config_map()["OVERSIGHTD_LISTEN"].rsplit(":", 1)[1])
        (container,) = pod_spec(deployment)["containers"]
        ports = {p["containerPort"] for p in container["ports"]}
        self.assertEqual(ports, {api_port, health_port})
        for probe in ["readinessProbe", "livenessProbe", "startupProbe"]:
            with self.subTest(probe=probe):
                self.assertIn(probe, container)
                self.assertEqual(container[probe]["grpc"]["port"], health_port,
                                 "kubelet gRPC probes cannot use TLS: they must target the "
                                 "plaintext health port")
        self.assertEqual(deployment["spec"]["strategy"]["rollingUpdate"]["maxUnavailable"], 0)

    def test_every_container_has_resources_and_runs_non_root_on_a_read_only_root(self):
        workloads = of_kind("Deployment") + of_kind("CronJob")
        self.assertEqual(len(workloads), 2)
        for workload in workloads:
            spec = pod_spec(workload)
            self.assertTrue(spec["securityContext"]["runAsNonRoot"])
            self.assertFalse(spec.get("automountServiceAccountToken", True))
            for container in spec["containers"]:
                with self.subTest(workload=workload["metadata"]["name"], container=container["name"]):
                    for bound in ["requests", "limits"]:
                        self.assertIn("cpu", container["resources"][bound])
                        self.assertIn("memory", container["resources"][bound])
                    security = container["securityContext"]
                    self.assertTrue(security["runAsNonRoot"])
                    self.assertEqual(security["runAsUser"], NON_ROOT_UID)
                    self.assertTrue(security["readOnlyRootFilesystem"])
                    self.assertFalse(security["allowPrivilegeEscalation"])
                    self.assertEqual(security["capabilities"]["drop"], ["ALL"])
                    self.assertEqual(security["seccompProfile"]["type"], "RuntimeDefault")
                    mounts = {m["mountPath"] for m in container.get("volumeMounts", [])}
                    self.assertIn("/tmp", mounts, "a writable /tmp on a read-only root")

    def test_cronjob_runs_the_nightly_job_once_at_a_time(self):
        (cronjob,) = of_kind("CronJob")
        self.assertEqual(len(cronjob["spec"]["schedule"].split()), 5)
        self.assertEqual(cronjob["spec"]["concurrencyPolicy"], "Forbid")
        (container,) = pod_spec(cronjob)["containers"]
        self.assertEqual(container["command"], ["oversight"])
        self.assertEqual(container["args"][0], "nightly")

    def test_services_and_budget_select_the_deployment_pods(self):
        (deployment,) = of_kind("Deployment")
        labels = deployment["spec"]["template"]["metadata"]["labels"]
        selectors = [s["spec"]["selector"] for s in of_kind("Service")] + [
            p["spec"]["selector"]["matchLabels"] for p in of_kind("PodDisruptionBudget")]
        self.assertGreaterEqual(len(selectors), 3)
        for selector in selectors:
            self.assertTrue(selector.items() <= labels.items(), f"{selector} vs {labels}")

    def test_secrets_are_placeholders_and_mounted_names_exist(self):
        secrets = {s["metadata"]["name"]: s for s in of_kind("Secret")}
        for secret in secrets.values():
            for key, value in secret.get("stringData", {}).items():
                self.assertIn("REPLACE_ME", value, f"{secret['metadata']['name']}.{key}")
        self.assertIn("sslmode=verify-full", secrets["oversight-db"]["stringData"]["OVERSIGHTD_STORE"])
        for workload in of_kind("Deployment") + of_kind("CronJob"):
            spec = pod_spec(workload)
            for volume in spec["volumes"]:
                if "secret" in volume:
                    self.assertIn(volume["secret"]["secretName"], secrets)
            for container in spec["containers"]:
                for source in container.get("envFrom", []):
                    if "secretRef" in source:
                        self.assertIn(source["secretRef"]["name"], secrets)


class ComposeFile(unittest.TestCase):
    def setUp(self):
        with open(os.path.join(SOURCE, "deploy/compose.yaml"), encoding="utf-8") as f:
            self.services = yaml.safe_load(f)["services"]

    def test_two_replicas_share_one_postgresql_database(self):
        replicas = {n: s for n, s in self.services.items() if n.startswith("oversightd-")}
        self.assertEqual(len(replicas), 2)
        stores = {s["environment"]["OVERSIGHTD_STORE"] for s in replicas.values()}
        self.assertEqual(len(stores), 1)
        self.assertTrue(stores.pop().startswith("postgresql://"))
        for name, service in replicas.items():
            self.assertEqual(service["depends_on"]["postgres"]["condition"], "service_healthy", name)
            self.assertTrue(service["read_only"], name)

    def test_loader_and_nightly_are_one_shot_clients_in_order(self):
        self.assertIn("oversight load", " ".join(self.services["loader"]["command"]))
        self.assertIn("oversight nightly", " ".join(self.services["nightly"]["command"]))
        self.assertEqual(self.services["nightly"]["depends_on"]["loader"]["condition"],
                         "service_completed_successfully")
        self.assertIn("postgres", self.services)


class Dockerfile(unittest.TestCase):
    def test_build_stage_uses_install_deps_and_the_commands_of_make_build(self):
        makefile = read("Makefile")
        recipe = re.search(r"^build:.*\n((?:\t.*\n)+)", makefile, re.M).group(1)
        make_commands = [line.strip() for line in recipe.splitlines()]
        self.assertEqual(make_commands, ["cmake --preset release", "cmake --build --preset release"])
        stages = dockerfile_stages()
        self.assertIn("build", stages)
        runs = [line[4:].strip() for line in stages["build"] if line.startswith("RUN ")]
        self.assertTrue(any("deploy/install-deps.sh" in run for run in runs))
        build_commands = [c.strip() for run in runs for c in run.split("&&")]
        self.assertEqual([c for c in build_commands if c.startswith("cmake")], make_commands)
        self.assertRegex(stages["build"][0], r"^FROM \$\{DEBIAN_IMAGE\}|^FROM debian:12")
        self.assertIn("ARG DEBIAN_IMAGE=debian:12", read("deploy/Dockerfile"))

    def test_runtime_stage_is_slim_non_root_with_health_check_and_entrypoint(self):
        stages = dockerfile_stages()
        runtime = stages[list(stages)[-1]]
        text = "\n".join(runtime)
        self.assertIn("-slim", runtime[0])
        self.assertIn(f"USER {NON_ROOT_UID}:{NON_ROOT_UID}", text)
        self.assertRegex(text, r"HEALTHCHECK .*CMD \[\"oversight\", \"--insecure\", \"--server=127\.0\.0\.1:8081\"")
        self.assertIn('ENTRYPOINT ["oversightd"]', text)
        self.assertRegex(text, r"EXPOSE 50051 8081")
        self.assertIn("OVERSIGHTD_HEALTH_LISTEN=0.0.0.0:8081", text)
        self.assertNotIn("-dev", " ".join(l for l in runtime if "apt-get install" in l))

    def test_runtime_stage_installs_the_package_of_every_library_the_binaries_load(self):
        install = " ".join(l for l in dockerfile_stages()["runtime"] if "apt-get install" in l)
        listed = set(re.findall(r"\b(lib[a-z0-9.+-]+|zlib1g|ca-certificates)\b", install))
        libraries = set()
        for binary in [OVERSIGHTD, OVERSIGHT]:
            names = re.findall(r"Shared library: \[(.+?)\]",
                               subprocess.run(["readelf", "-d", binary], capture_output=True,
                                              text=True, check=True).stdout)
            ldd = subprocess.run(["ldd", binary], capture_output=True, text=True, check=True).stdout
            paths = dict(re.findall(r"^\s*(\S+) => (/\S+)", ldd, re.M))
            for name in names:
                self.assertIn(name, paths, f"{binary}: {name} not resolved")
                libraries.add(paths[name])
        needed = set(self.packages_of(libraries).values())
        missing = needed - listed - BASE_PACKAGES
        self.assertFalse(missing, f"runtime stage lacks {sorted(missing)} (needed: {sorted(needed)})")

    @staticmethod
    def packages_of(paths):
        """{library path: Debian package}, with one dpkg query. dpkg records
        a file under the path its package ships (/lib or /usr/lib), which
        merged-/usr systems may resolve differently."""
        variants = {}
        for path in paths:
            real = os.path.realpath(path)
            for candidate in {path, real, "/usr" + path, re.sub(r"^/usr", "", path),
                              re.sub(r"^/usr", "", real)}:
                variants.setdefault(candidate, path)
        done = subprocess.run(["dpkg", "-S", *sorted(variants)], capture_output=True, text=True)
        owner = {}
        for line in done.stdout.splitlines():
            package, _, file = line.partition(": ")
            if file in variants:
                owner[variants[file]] = package.split(":")[0].strip()
        unowned = set(paths) - set(owner)
        if unowned:
            raise AssertionError(f"no Debian package owns {sorted(unowned)}")
        return owner

    def test_dockerignore_keeps_build_directories_out(self):
        ignore = read("deploy/Dockerfile.dockerignore").split()
        for pattern in ["build", "build-*", ".git"]:
            self.assertIn(pattern, ignore)


class SystemdUnits(unittest.TestCase):
    HARDENING = {
        "NoNewPrivileges": "yes", "ProtectSystem": "strict", "ProtectHome": "yes",
        "PrivateTmp": "yes", "PrivateDevices": "yes", "DynamicUser": "yes",
        "CapabilityBoundingSet": "", "RestrictSUIDSGID": "yes", "ProtectKernelTunables": "yes",
        "SystemCallArchitectures": "native",
    }

    @staticmethod
    def unit(name):
        parser = configparser.ConfigParser(strict=False, interpolation=None, delimiters=("=",))
        parser.optionxform = str
        parser.read_string(read(f"deploy/systemd/{name}"))
        return parser

    def test_services_are_hardened_and_unprivileged(self):
        for name in ["oversightd.service", "oversight-nightly.service"]:
            service = self.unit(name)["Service"]
            for key, value in self.HARDENING.items():
                with self.subTest(unit=name, key=key):
                    self.assertEqual(service.get(key), value)
            self.assertNotIn("User", service, "DynamicUser allocates the account")

    def test_nightly_is_a_persistent_daily_timer_of_a_oneshot_service(self):
        self.assertEqual(self.unit("oversight-nightly.service")["Service"]["Type"], "oneshot")
        timer = self.unit("oversight-nightly.timer")["Timer"]
        self.assertIn("OnCalendar", timer)
        self.assertEqual(timer["Persistent"], "true")
        self.assertEqual(timer["Unit"], "oversight-nightly.service")

    def test_exec_start_flags_exist(self):
        server_help = help_text(OVERSIGHTD, "--helpfull")
        exec_start = self.unit("oversightd.service")["Service"]["ExecStart"]
        for flag in re.findall(r"--([a-z_]+)=", exec_start):
            self.assertTrue(f"--{flag} (" in server_help, f"oversightd has no --{flag}")
        nightly = self.unit("oversight-nightly.service")["Service"]["ExecStart"]
        self.assertIn(" nightly ", nightly)
        nightly_help = help_text(OVERSIGHT, "help", "nightly")
        for flag in re.findall(r"--([a-z_]+)", nightly.split(" nightly ", 1)[1]):
            self.assertTrue(f"--{flag}" in nightly_help, f"oversight nightly has no --{flag}")


class Consistency(unittest.TestCase):
    def test_every_environment_variable_set_is_read_by_a_binary(self):
        server_help = help_text(OVERSIGHTD, "--helpfull")
        client_help = help_text(OVERSIGHT, "--help")
        # The compose file's own variable (the database password), not a flag.
        used = env_names_used() - {"OVERSIGHT_DB_PASSWORD"}
        self.assertIn("OVERSIGHTD_STORE", used)
        self.assertIn("OVERSIGHT_SERVER", used)
        for name in sorted(used):
            with self.subTest(variable=name):
                if name.startswith("OVERSIGHTD_"):
                    self.assertTrue(f"Env {name}" in server_help, f"oversightd documents no {name}")
                else:
                    self.assertTrue(name in client_help, f"oversight documents no {name}")

    def test_every_manifest_port_matches_the_image(self):
        data = config_map()
        self.assertEqual(data["OVERSIGHTD_LISTEN"], "0.0.0.0:50051")
        self.assertEqual(data["OVERSIGHTD_HEALTH_LISTEN"], "0.0.0.0:8081")

    def test_install_deps_lists_python3_yaml(self):
        self.assertRegex(read("deploy/install-deps.sh"), r"\bpython3-yaml\b")

    def test_operations_guide_covers_its_topics(self):
        guide = read("docs/operations.md")
        for topic in ["## Install", "## Configure", "## Back up and restore", "## Upgrade",
                      "## Rotate secrets", "## Scale out", "## What to watch", "pg_dump",
                      "pg_restore", ".backup", "--health_listen", "sslmode"]:
            self.assertIn(topic, guide)


if __name__ == "__main__":
    SOURCE, OVERSIGHTD, OVERSIGHT = sys.argv[1:4]
    unittest.main(argv=[sys.argv[0], "-v"])
