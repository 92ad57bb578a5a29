# The two images of kueueleuleu (see docs/install.md):
#
#   podman build --target entrypoint -t docker.io/kueueleuleu/entrypoint:0.1.0 .
#   podman build --target operator   -t docker.io/kueueleuleu/operator:0.1.0 .
#
# (docker build works the same way.) The base images are ARGs so they can be overridden; on machines that cannot pull,
# hack/base-images.sh builds local stand-ins under exactly these names.
ARG DOTNET_SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_DEPS_IMAGE=mcr.microsoft.com/dotnet/runtime-deps:10.0
ARG GO_IMAGE=docker.io/library/golang:1.19

# ---------------------------------------------------------------------------------------------------------------------
# entrypoint: the static step runner (src/Entrypoint, standard library only), same image as src/Entrypoint/Containerfile.
FROM ${GO_IMAGE} AS entrypoint-build
WORKDIR /src/Entrypoint
COPY src/Entrypoint/ ./
# build.sh sets GOPROXY=off, CGO_ENABLED=0, -trimpath -ldflags "-s -w": offline, static.
RUN HOME=/tmp ./build.sh /out

FROM scratch AS entrypoint
COPY --from=entrypoint-build /out/entrypoint /entrypoint
# Numeric and non-root: the init container asks for runAsNonRoot without a runAsUser (see src/Entrypoint/Containerfile).
USER 65532:65532
ENTRYPOINT ["/entrypoint"]
CMD ["copy", "/kueueleuleu"]

# ---------------------------------------------------------------------------------------------------------------------
# operator: src/Operator published ahead of time into one native executable (no .NET runtime in the image).
FROM ${DOTNET_SDK_IMAGE} AS operator-build
# The native linker: the SDK image has no C toolchain; NativeAOT links with the system's (gcc here) and zlib.
RUN apt-get update -qq && \
    apt-get install -y -qq --no-install-recommends gcc libc6-dev zlib1g-dev >/dev/null && \
    rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/*.deb
WORKDIR /src
# Restore first, from the project files only, so that a source change does not download packages again.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/StepProtocol/Kueueleuleu.StepProtocol.csproj src/StepProtocol/
COPY src/Registry/Kueueleuleu.Registry.csproj src/Registry/
COPY src/Objects/Kueueleuleu.Objects.csproj src/Objects/
COPY src/Entities/Kueueleuleu.Entities.csproj src/Entities/
COPY src/ControllerRuntime/Kueueleuleu.ControllerRuntime.csproj src/ControllerRuntime/
COPY src/Kubernetes/Kueueleuleu.Kubernetes.csproj src/Kubernetes/
COPY src/Yaml/Kueueleuleu.Yaml.csproj src/Yaml/
COPY src/Operator/Kueueleuleu.Operator.csproj src/Operator/
RUN dotnet restore src/Operator/Kueueleuleu.Operator.csproj -r linux-x64
COPY src/ src/
# A developer's bin/ and obj/ folders may come along with src/ (the host's restore results name host paths): drop them.
RUN find src -type d \( -name bin -o -name obj \) -prune -exec rm -rf {} + && \
    dotnet publish src/Operator/Kueueleuleu.Operator.csproj -c Release -r linux-x64 -o /out && \
    mkdir /app && cp /out/kueueleuleu-operator /app/

FROM ${RUNTIME_DEPS_IMAGE} AS operator
WORKDIR /app
COPY --from=operator-build /app /app
# Read-only root filesystem: no diagnostics IPC socket or debugger/profiler files under TMPDIR; the manifest still
# mounts an emptyDir at /tmp for anything else that wants a temporary file. HOME points at it too.
ENV DOTNET_EnableDiagnostics=0 \
    HOME=/tmp \
    TMPDIR=/tmp
# Non-root, numeric so that runAsNonRoot can verify it (config/manager sets the same).
USER 65532:65532
EXPOSE 8080
# Flags and KUEUELEULEU_* variables configure it (docs/operator.md); the manifest passes --listen-address=0.0.0.0:8080.
ENTRYPOINT ["/app/kueueleuleu-operator"]
