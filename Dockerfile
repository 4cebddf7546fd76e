# The gtmguard command in a container: `docker build -t gtmguard .`, then `docker run --network host gtmguard up`.
# Every GtmGuard service listens on 127.0.0.1 only, so run it on the host network (docker-compose.yml does).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY eng/ eng/
COPY simulators/ simulators/
COPY contracts/ contracts/
COPY probes/ probes/
COPY loadtests/ loadtests/
COPY src/ src/
RUN dotnet publish src/GtmGuard.Cli/GtmGuard.Cli.csproj --configuration Release --output /out

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# Working directory = what `gtmguard` reads relative paths from: contracts/ (live drift sampling),
# simulators/mappings and simulators/scenarios, and the state store .gtmguard/ (a volume in docker-compose.yml).
WORKDIR /gtmguard
COPY --from=build /out /opt/gtmguard
COPY contracts/hubspot/ contracts/hubspot/
COPY contracts/salesforce/ contracts/salesforce/
COPY contracts/outreach/ contracts/outreach/
COPY contracts/clay/ contracts/clay/
COPY simulators/mappings/ simulators/mappings/
COPY simulators/scenarios/ simulators/scenarios/
# The store directory belongs to the app user, so the volume mounted there is writable.
RUN mkdir -p .gtmguard && chown "$APP_UID" .gtmguard
USER $APP_UID
ENTRYPOINT ["dotnet", "/opt/gtmguard/gtmguard.dll"]
CMD ["up"]
