using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

public class Startup
{
    public void ConfigureServices(IServiceCollection services)
    {
        var signingKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(System.Environment.GetEnvironmentVariable("JWT_SIGNING_KEY") ?? throw new System.InvalidOperationException("JWT_SIGNING_KEY is not set")));
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    IssuerSigningKey = signingKey,
                    ValidateLifetime = true,
                    RequireSignedTokens = true,
                };
            });
    }

    public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
    {
        if (env.IsDevelopment())
        {
            app.UseDeveloperExceptionPage();
        }
        app.UseRouting();
    }

    public SqlConnection OpenReports()
    {
        var connectionString = System.Environment.GetEnvironmentVariable("DB_CONNECTION_STRING") ?? throw new System.InvalidOperationException("DB_CONNECTION_STRING is not set");
        return new SqlConnection(connectionString);
    }

    public byte[] SignLicence(byte[] licence)
    {
        using var rsa = RSA.Create(2048);
        return rsa.SignData(licence, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
    }
}
