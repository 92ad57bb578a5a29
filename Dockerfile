# The two images of kueueleuleu (see docs/install.md):
#
#   podman build --target entrypoint -t docker.io/kueueleuleu/entrypoint:0.1.0 .
#   podman build --target operator   -t docker.io/kueueleuleu/operator:0.1.0 .
#
# (docker build works the same way.) The base images are ARGs so they can be overridden; on machines that cannot pull,
# hack/base-images.sh builds local stand-ins under exactly these names.
ARG DOTNET_SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG ASPNET_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0
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
# Matches the restricted security context the converter gives the init container.
USER 65532:65532
ENTRYPOINT ["/entrypoint"]
CMD ["copy", "/kueueleuleu"]

# ---------------------------------------------------------------------------------------------------------------------
# operator: framework-dependent publish of src/Operator (the NuGet mirror has no NativeAOT packages).
FROM ${DOTNET_SDK_IMAGE} AS operator-build
WORKDIR /src
# Restore first, from the project files only, so that a source change does not download packages again.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Converter/Kueueleuleu.Converter.csproj src/Converter/
COPY src/Entities/Kueueleuleu.Entities.csproj src/Entities/
COPY src/Kubernetes/Kueueleuleu.Kubernetes.csproj src/Kubernetes/
COPY src/Yaml/Kueueleuleu.Yaml.csproj src/Yaml/
COPY src/Operator/Kueueleuleu.Operator.csproj src/Operator/
RUN dotnet restore src/Operator/Kueueleuleu.Operator.csproj
COPY src/ src/
# A developer's bin/ and obj/ folders may come along with src/ (the host's restore results name host paths): drop them.
RUN find src -type d \( -name bin -o -name obj \) -prune -exec rm -rf {} + && \
    dotnet publish src/Operator/Kueueleuleu.Operator.csproj -c Release -o /app -p:UseAppHost=false && \
    rm -f /app/*.pdb

FROM ${ASPNET_IMAGE} AS operator
WORKDIR /app
COPY --from=operator-build /app /app
# Read-only root filesystem: no diagnostics IPC socket or debugger/profiler files under TMPDIR; the manifest still
# mounts an emptyDir at /tmp for anything else that wants a temporary file. HOME points at it too.
# The aspnet image's ASPNETCORE_HTTP_PORTS=8080 is cleared: --listen-address decides (Kestrel would warn it overrides it).
ENV DOTNET_EnableDiagnostics=0 \
    HOME=/tmp \
    TMPDIR=/tmp \
    ASPNETCORE_HTTP_PORTS=
# Non-root, numeric so that runAsNonRoot can verify it (config/manager sets the same).
USER 65532:65532
EXPOSE 8080
# Flags and KUEUELEULEU_* variables configure it (docs/operator.md); the manifest passes --listen-address=0.0.0.0:8080.
ENTRYPOINT ["dotnet", "/app/kueueleuleu-operator.dll"]
